package dev.quarry.api;

import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.exec.QueryResult;
import dev.quarry.query.exec.QueryRunner;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.runtime.ops.Reads;
import dev.quarry.security.Sessions;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads for both surfaces: plan, compile to one statement, run it. */
@ApplicationScoped
public class ReadService {

    private final QueryPlanner planner;
    private final QueryBuilder builder;
    private final QueryRunner runner;
    private final Sessions sessions;

    @Inject
    public ReadService(Schema schema, @Reads Pool pool, Sessions sessions,
            @ConfigProperty(name = "quarry.api.max-take", defaultValue = "1000") int maxTake,
            @ConfigProperty(name = "quarry.api.max-depth", defaultValue = "8") int maxDepth,
            @ConfigProperty(name = "quarry.api.max-filter-nodes", defaultValue = "200") int maxFilterNodes,
            @ConfigProperty(name = "quarry.query.slow-threshold", defaultValue = "500ms") Duration slowThreshold) {
        this.planner = new QueryPlanner(schema, new Limits(maxTake, maxDepth, maxFilterNodes));
        this.sessions = sessions;
        this.builder = new QueryBuilder(schema);
        this.runner = new QueryRunner(pool, slowThreshold);
    }

    /** Planning errors are thrown here, before anything runs; database errors arrive as the Uni's failure. */
    public Uni<QueryResult> read(Model model, ReadArgs args, boolean withTotal) {
        QueryPlan plan = planner.plan(model, args);
        return runner.run(builder.build(plan, withTotal), sessions.current());
    }

    /** Statements run since start-up (one per read request). */
    public long statementCount() {
        return runner.statementCount();
    }
}
