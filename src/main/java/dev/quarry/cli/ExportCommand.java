package dev.quarry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.api.StreamFormats;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryException;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.exec.StreamRunner;
import dev.quarry.query.plan.FindPlan;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.runtime.ops.ReadPoolProducer;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code db export --model User [--format ndjson|csv] [--where JSON]}: a model's records to stdout, as the API
 * streams them ({@code Accept: application/x-ndjson} or {@code text/csv}), read from the database through a cursor.
 */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Writes a model's records to stdout as NDJSON (one JSON object a line) or CSV, streamed from the "
                + "database.")
final class ExportCommand extends MigrateCommand.Common implements Callable<Integer> {

    enum Format {
        ndjson,
        csv
    }

    @Option(
            names = "--model",
            required = true,
            paramLabel = "MODEL",
            description = "The model, as the schema names it.")
    String model;

    @Option(names = "--format", paramLabel = "FORMAT", description = "ndjson or csv (default: ${DEFAULT-VALUE}).")
    Format format = Format.ndjson;

    @Option(
            names = "--where",
            paramLabel = "JSON",
            description = "Prisma's where argument, as JSON: {\"email\":{\"endsWith\":\"@x.io\"}}.")
    String where;

    /** The output is the records: what the command uses is said on the error stream. */
    @Override
    PrintWriter announcements() {
        return err();
    }

    @Override
    public Integer call() {
        Schema schema = schema();
        Model target = schema.findModel(model).orElseThrow(() -> new UserError("the schema has no model " + model));
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (where != null) {
            args.set("where", parse(where));
        }
        FindPlan plan;
        try {
            plan = (FindPlan)
                    new QueryPlanner(schema, Limits.DEFAULT).plan(target, ReadArgs.ofBody(Operation.FIND_MANY, args));
        } catch (QueryException e) {
            throw new UserError("--where: " + e.error().message());
        }
        SqlStatement statement = new QueryBuilder(schema).build(plan, QueryBuilder.Output.LINES);
        PgConnectOptions options = ReadPoolProducer.connectOptions(databaseUrl(schema));
        Vertx vertx = Vertx.vertx();
        Pool pool = Pool.newInstance(PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1))
                .connectingTo(options)
                .using(vertx.getDelegate())
                .build());
        try {
            // no time limit: the export runs as long as the table takes
            Multi<List<Buffer>> lines =
                    new StreamRunner(pool, 1000, Duration.ofDays(1)).lines(statement, Optional.empty());
            Multi<String> chunks = format == Format.csv
                    ? StreamFormats.csv(StreamFormats.csvHeader(plan.read().selection()), lines)
                    : lines.map(ExportCommand::ndjson);
            PrintWriter out = out();
            for (String chunk : chunks.subscribe().asIterable()) {
                out.print(chunk);
            }
            out.flush();
        } catch (QueryException e) {
            throw new UserError(e.error().message());
        } catch (RuntimeException e) {
            throw new UserError("the export failed: " + e.getMessage());
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
        }
        return 0;
    }

    private static String ndjson(List<Buffer> lines) {
        StringBuilder text = new StringBuilder();
        for (Buffer line : lines) {
            text.append(line.toString(StandardCharsets.UTF_8)).append('\n');
        }
        return text.toString();
    }

    private static JsonNode parse(String text) {
        try {
            return Json.parse(text, ArgPath.of("where"));
        } catch (QueryException e) {
            throw new UserError("--where is not JSON: " + e.error().message());
        }
    }
}
