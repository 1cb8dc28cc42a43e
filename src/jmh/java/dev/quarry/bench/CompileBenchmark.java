package dev.quarry.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.args.ResourceArgs;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.query.sql.StatementCache;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-request work of a read before the database: the request's parameters (or RPC body) → Prisma's argument
 * object → validated plan → SQL text and parameters, for the benchmark's read scenarios and one heavier RPC filter.
 * Each call gets a different id or bound, as requests do. {@code compile}: the plan compiled every time; {@code
 * cache_hit}: through the statement cache, warm, as the service runs; {@code cache_miss}: through a cache that
 * keeps nothing, so every read is compiled and its parameters mapped (the first request of a shape).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CompileBenchmark {

    @Param({"find_unique", "find_many", "find_many_include", "nested_select", "count", "rpc_filter"})
    public String query;

    @Param({"compile", "cache_hit", "cache_miss"})
    public String path;

    private QueryPlanner planner;
    private QueryBuilder builder;
    private StatementCache cache;
    private Model user;
    private Model post;
    private int n;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Schema schema = PrismaSchema.load(Path.of("src/main/resources/schema.prisma"))
                .schema()
                .orElseThrow();
        planner = new QueryPlanner(schema, Limits.DEFAULT);
        builder = new QueryBuilder(schema);
        cache = new StatementCache(schema, Limits.DEFAULT, path.equals("cache_miss") ? 0 : 1000, false);
        user = schema.models().stream()
                .filter(m -> m.name().equals("User"))
                .findFirst()
                .orElseThrow();
        post = schema.models().stream()
                .filter(m -> m.name().equals("Post"))
                .findFirst()
                .orElseThrow();
    }

    @Benchmark
    public SqlStatement read() {
        QueryPlan plan = plan();
        return path.equals("compile")
                ? builder.build(plan, QueryBuilder.Output.BODY)
                : cache.statement(plan, QueryBuilder.Output.BODY, ReadableFields.all());
    }

    private QueryPlan plan() {
        n = (n + 1) % 10_000;
        String id = String.format("usr%06d", n + 1);
        Map<String, List<String>> params = new LinkedHashMap<>();
        switch (query) {
            case "find_unique":
            case "nested_select": {
                if (query.equals("nested_select")) {
                    params.put("select", List.of(ScenarioStatements.SELECT));
                }
                ReadArgs parsed = ResourceArgs.parse(Operation.FIND_UNIQUE, params);
                ObjectNode args = parsed.args().deepCopy();
                args.set("where", JsonNodeFactory.instance.objectNode().put("id", id));
                Map<String, ArgPath> origins = new LinkedHashMap<>(parsed.origins());
                origins.put("where", ArgPath.ofText("id"));
                return planner.plan(user, new ReadArgs(Operation.FIND_UNIQUE, args, origins));
            }
            case "find_many":
            case "find_many_include":
                params.put("filter[email][gt]", List.of("user" + id.substring(3) + "@example.com"));
                params.put("orderBy", List.of("email"));
                params.put("take", List.of("20"));
                if (query.equals("find_many_include")) {
                    params.put("include", List.of(ScenarioStatements.INCLUDE));
                }
                return planner.plan(user, ResourceArgs.parse(Operation.FIND_MANY, params));
            case "count":
                params.put("filter[authorId]", List.of(id));
                params.put("filter[published]", List.of("true"));
                return planner.plan(post, ResourceArgs.parse(Operation.COUNT, params));
            default: {
                String body = "{\"where\":{\"OR\":[{\"email\":{\"contains\":\"" + id + "\",\"mode\":\"insensitive\"}},"
                        + "{\"posts\":{\"some\":{\"published\":true,\"title\":{\"startsWith\":\"Post " + n
                        + "\"}}}}],\"active\":true},"
                        + "\"orderBy\":[{\"createdAt\":\"desc\"},{\"id\":\"asc\"}],\"take\":10,\"skip\":" + (n % 50)
                        + ","
                        + "\"select\":{\"id\":true,\"email\":true,\"_count\":{\"select\":{\"posts\":true}},"
                        + "\"posts\":{\"where\":{\"published\":true},\"select\":{\"title\":true},\"take\":2}}}";
                ObjectNode args = (ObjectNode) Json.parse(body, ArgPath.of("body"));
                return planner.plan(user, ReadArgs.ofBody(Operation.FIND_MANY, args));
            }
        }
    }
}
