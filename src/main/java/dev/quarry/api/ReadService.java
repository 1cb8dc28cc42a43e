package dev.quarry.api;

import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.exec.DatabaseErrors;
import dev.quarry.query.exec.QueryResult;
import dev.quarry.query.exec.QueryRunner;
import dev.quarry.query.exec.SessionSettings;
import dev.quarry.query.exec.StreamRunner;
import dev.quarry.query.plan.FindPlan;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.plan.Selection;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.StatementCache;
import dev.quarry.query.write.WriteError;
import dev.quarry.runtime.ops.Reads;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Schema;
import dev.quarry.security.Sessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Reads for both surfaces: plan, compile to one statement, run it. */
@ApplicationScoped
public class ReadService {

    /** A planner per view of the schema's fields (one per role a field rule names, one for the other roles). */
    private final Map<ReadableFields, QueryPlanner> planners = new HashMap<>();

    private final ReadableFields.Views views;
    private final StatementCache statements;
    private final QueryRunner runner;
    private final StreamRunner streams;
    private final Sessions sessions;
    private final DatabaseErrors errors;
    private final SoftDeleteAccess softDelete;

    @Inject
    public ReadService(
            Schema schema,
            @Reads Pool pool,
            Sessions sessions,
            Limits limits,
            SoftDeleteAccess softDelete,
            @ConfigProperty(name = "quarry.query.slow-threshold", defaultValue = "500ms") Duration slowThreshold,
            @ConfigProperty(name = "quarry.query.statement-cache.size", defaultValue = "2000") long statementCacheSize,
            @ConfigProperty(name = "quarry.query.statement-cache.verify", defaultValue = "false")
                    boolean verifyStatementCache,
            @ConfigProperty(name = "quarry.stream.fetch-size", defaultValue = "1000") int streamFetchSize,
            @ConfigProperty(name = "quarry.stream.timeout", defaultValue = "10m") Duration streamTimeout) {
        this.views = ReadableFields.of(schema);
        views.distinct().forEach(view -> planners.put(view, new QueryPlanner(schema, limits, view)));
        this.sessions = sessions;
        this.softDelete = softDelete;
        this.statements = new StatementCache(schema, limits, statementCacheSize, verifyStatementCache);
        this.runner = new QueryRunner(pool, slowThreshold, limits);
        this.errors = new DatabaseErrors(schema);
        this.streams = new StreamRunner(pool, streamFetchSize, streamTimeout);
    }

    /** Planning errors are thrown here, before anything runs; database errors arrive as the Uni's failure. */
    public Uni<QueryResult> read(Model model, ReadArgs args, boolean withTotal) {
        return read(model, args, withTotal ? QueryBuilder.Output.BODY_AND_TOTAL : QueryBuilder.Output.BODY);
    }

    /**
     * A {@code findUnique} with the record's entity tag (for {@code If-Match} on writes), read from the same
     * snapshot.
     */
    public Uni<QueryResult> readWithTag(Model model, ReadArgs args) {
        return read(model, args, QueryBuilder.Output.BODY_AND_TAG);
    }

    private Uni<QueryResult> read(Model model, ReadArgs args, QueryBuilder.Output output) {
        Optional<SessionSettings> session = sessions.current();
        softDelete.check(args, session);
        ReadableFields readable = views.of(session.map(SessionSettings::role));
        QueryPlan plan = planners.get(readable).plan(model, args);
        return runner.run(statements.statement(plan, output, readable), session)
                .onFailure(PgException.class)
                .transform(e -> errors.forRead(model, (PgException) e)
                        .<Throwable>map(WriteError::exception)
                        .orElse(e));
    }

    /**
     * A streamed {@code findMany}: what each line holds, and the lines (JSON texts' bytes, a fetch's at a time),
     * which run when subscribed to.
     */
    public record Streamed(Selection selection, Multi<List<Buffer>> lines) {}

    /**
     * A {@code findMany}'s answer as a stream of its elements' JSON texts, in order (see {@link
     * QueryBuilder.Output#LINES}). Planning errors are thrown here, before anything runs.
     */
    public Streamed stream(Model model, ReadArgs args) {
        Optional<SessionSettings> session = sessions.current();
        softDelete.check(args, session);
        ReadableFields readable = views.of(session.map(SessionSettings::role));
        FindPlan plan = (FindPlan) planners.get(readable).plan(model, args);
        return new Streamed(
                plan.read().selection(),
                streams.lines(statements.statement(plan, QueryBuilder.Output.LINES, readable), session));
    }

    /** Read shapes whose compiled statement is kept. */
    public long cachedShapes() {
        return statements.size();
    }
}
