package dev.quarry.query.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.exec.QueryRunner;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.schema.model.Schema;
import java.time.Duration;

/** Runs reads through the whole query stage (plan, build, run) against a test database. */
public final class Reads {

    private final Schema schema;
    private final QueryPlanner planner;
    private final QueryBuilder builder;
    private final QueryRunner runner;

    public Reads(Schema schema, TestDatabase db) {
        this(schema, db, Limits.DEFAULT);
    }

    public Reads(Schema schema, TestDatabase db, Limits limits) {
        this.schema = schema;
        this.planner = new QueryPlanner(schema, limits);
        this.builder = new QueryBuilder(schema, limits);
        this.runner = new QueryRunner(db.pool, Duration.ofSeconds(5), limits);
    }

    public SqlStatement compile(String model, String operation, String args) {
        ObjectNode body = (ObjectNode) Json.parse(args, ArgPath.of("body"));
        QueryPlan plan = planner.plan(
                schema.model(model),
                ReadArgs.ofBody(Operation.fromClientName(operation).orElseThrow(), body));
        return builder.build(plan, QueryBuilder.Output.BODY);
    }

    /** The response body PostgreSQL builds. */
    public String run(String model, String operation, String args) {
        return runner.run(compile(model, operation, args))
                .await()
                .atMost(Duration.ofSeconds(30))
                .body();
    }
}
