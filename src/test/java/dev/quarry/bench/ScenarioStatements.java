package dev.quarry.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.api.ModelRoutes;
import dev.quarry.api.SoftDeleteAccess;
import dev.quarry.api.WriteService;
import dev.quarry.query.ArgPath;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.args.ResourceArgs;
import dev.quarry.query.exec.SessionSettings;
import dev.quarry.query.exec.TxLimits;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlanner;
import dev.quarry.query.sql.QueryBuilder;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.query.write.WriteArgs;
import dev.quarry.query.write.WriteOperation;
import dev.quarry.query.write.WritePlanner;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import dev.quarry.security.Sessions;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL of each benchmark scenario, as Quarry makes it at this moment: reads compiled by Quarry's planner and
 * builder from the same query parameters the benchmark sends; writes captured while Quarry's write service runs
 * them (twice, so that what Quarry generates per request, ids and timestamps, can be told from constants).
 */
final class ScenarioStatements {

    static final String INCLUDE =
            "{\"posts\":{\"where\":{\"published\":true},\"orderBy\":{\"createdAt\":\"desc\"},\"take\":3}}";
    static final String SELECT =
            "{\"email\":true,\"name\":true,\"posts\":{\"select\":{\"title\":true,\"createdAt\":true},"
                    + "\"orderBy\":{\"createdAt\":\"desc\"},\"take\":5}}";
    /** large_body: every post of each of the 20 users, bodies included (about 70 KB of JSON). */
    static final String ALL_POSTS = "{\"posts\":true}";

    static final int NESTED_POSTS = 3;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Limits LIMITS = Limits.DEFAULT;

    private final Schema schema;
    private final QueryPlanner planner;
    private final QueryBuilder builder;
    private final WritePlanner writes;
    private final Model user;
    private final Model post;

    ScenarioStatements(Schema schema) {
        this.schema = schema;
        this.planner = new QueryPlanner(schema, LIMITS);
        this.builder = new QueryBuilder(schema);
        this.writes = new WritePlanner(schema, LIMITS);
        this.user = model("User");
        this.post = model("Post");
    }

    private Model model(String name) {
        return schema.models().stream()
                .filter(m -> m.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the benchmark needs the blog schema: no model " + name));
    }

    /**
     * {@code GET /api/users/{id}} and, with {@code select}, the nested select: findUnique with the record's entity
     * tag.
     */
    Template findUnique(boolean nestedSelect) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (nestedSelect) {
            params.put("select", List.of(SELECT));
        }
        ReadArgs parsed = ResourceArgs.parse(Operation.FIND_UNIQUE, params);
        ObjectNode args = parsed.args().deepCopy();
        args.set("where", NODES.objectNode().put("id", marker("id")));
        Map<String, ArgPath> origins = new HashMap<>(parsed.origins());
        origins.put("where", ArgPath.ofText("id"));
        ReadArgs read = new ReadArgs(Operation.FIND_UNIQUE, args, origins);
        return read(builder.build(planner.plan(user, read), QueryBuilder.Output.BODY_AND_TAG));
    }

    /** {@code GET /api/users?filter[email][gt]=…&orderBy=email&take=20}, with {@code include} (null: none). */
    Template findMany(String include) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("filter[email][gt]", List.of(marker("after")));
        params.put("orderBy", List.of("email"));
        params.put("take", List.of("20"));
        if (include != null) {
            params.put("include", List.of(include));
        }
        return read(builder.build(
                planner.plan(user, ResourceArgs.parse(Operation.FIND_MANY, params)), QueryBuilder.Output.BODY));
    }

    /** {@code GET /api/posts/_count?filter[authorId]=…&filter[published]=true}. */
    Template count() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("filter[authorId]", List.of(marker("id")));
        params.put("filter[published]", List.of("true"));
        return read(builder.build(
                planner.plan(post, ResourceArgs.parse(Operation.COUNT, params)), QueryBuilder.Output.BODY));
    }

    private static Template read(SqlStatement statement) {
        Map<Integer, Template.Slot> slots = new HashMap<>();
        for (int i = 0; i < statement.params().size(); i++) {
            Object p = statement.params().get(i);
            if (p instanceof String s && s.startsWith(MARK)) {
                slots.put(i, new Template.RequestValue(s.substring(MARK.length())));
            }
        }
        return new Template(statement.text(), statement.params(), slots);
    }

    private static final String MARK = "\u0001";

    private static String marker(String name) {
        return MARK + name;
    }

    // --- writes, captured ------------------------------------------------------------------------

    /** A write as the request names its values: the service's arguments and the request's values by name. */
    private record Capture(Model model, WriteOperation operation, ObjectNode args, Map<String, String> values) {}

    /** The statements Quarry runs for one write scenario, in order, in one transaction. */
    List<Template> capture(RecordingPool recording, WriteService service, String scenario, String existingId) {
        Capture first = request(scenario, 1, existingId);
        Capture second = request(scenario, 2, existingId);
        List<RecordingPool.Sent> a = run(recording, service, first);
        sleepAMoment();
        List<RecordingPool.Sent> b = run(recording, service, second);
        if (a.isEmpty() || a.size() != b.size()) {
            throw new IllegalStateException(scenario + ": captured " + a.size() + " and " + b.size()
                    + " statements; is the write service still on the pool?");
        }
        List<Object> generated = new ArrayList<>();
        List<Template> out = new ArrayList<>();
        for (int s = 0; s < a.size(); s++) {
            RecordingPool.Sent x = a.get(s);
            RecordingPool.Sent y = b.get(s);
            if (!x.text().equals(y.text())) {
                throw new IllegalStateException(scenario + ": the statement text depends on the values: " + x.text());
            }
            Map<Integer, Template.Slot> slots = new HashMap<>();
            for (int i = 0; i < x.params().size(); i++) {
                Object vx = x.params().get(i);
                Object vy = y.params().get(i);
                String named = nameOf(first.values(), vx);
                if (named != null) {
                    slots.put(i, new Template.RequestValue(named));
                } else if (Objects.equals(vx, vy) && !(vx instanceof Object[])) {
                    continue;
                } else if (vx instanceof String text && Template.isTimestamp(text)) {
                    slots.put(i, new Template.Now(Template.hasOffset(text)));
                } else {
                    int k = generated.indexOf(vx);
                    if (k < 0) {
                        generated.add(vx);
                        k = generated.size() - 1;
                    }
                    slots.put(i, new Template.FreshId(k));
                }
            }
            out.add(new Template(x.text(), x.params(), slots));
        }
        return out;
    }

    private static String nameOf(Map<String, String> values, Object value) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getValue().equals(value)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static List<RecordingPool.Sent> run(RecordingPool recording, WriteService service, Capture capture) {
        recording.drain();
        service.write(
                        capture.model(),
                        new WriteArgs(
                                capture.operation(),
                                capture.args(),
                                Map.of("data", ArgPath.of("body")),
                                Optional.empty()))
                .await()
                .atMost(Duration.ofSeconds(30));
        return recording.drain();
    }

    private Capture request(String scenario, int n, String existingId) {
        String stamp = n + "-" + System.nanoTime();
        Map<String, String> values = new LinkedHashMap<>();
        ObjectNode data = NODES.objectNode();
        ObjectNode args = NODES.objectNode();
        switch (scenario) {
            case "create":
            case "nested_create": {
                values.put("email", "capture-" + stamp + "@bench.test");
                values.put("name", marker("name") + n);
                data.put("email", values.get("email")).put("name", values.get("name"));
                if (scenario.equals("nested_create")) {
                    var create = data.putObject("posts").putArray("create");
                    for (int p = 0; p < NESTED_POSTS; p++) {
                        values.put("title" + p, marker("title" + p) + n);
                        values.put("body" + p, marker("body" + p) + n);
                        ObjectNode one = create.addObject()
                                .put("title", values.get("title" + p))
                                .put("body", values.get("body" + p));
                        if (p == 1) {
                            one.put("published", true);
                        }
                    }
                }
                args.set("data", data);
                return new Capture(user, WriteOperation.CREATE, args, values);
            }
            case "update": {
                values.put("id", existingId);
                values.put("name", marker("name") + n);
                args.set("where", NODES.objectNode().put("id", existingId));
                args.set("data", data.put("name", values.get("name")));
                return new Capture(user, WriteOperation.UPDATE, args, values);
            }
            default:
                throw new IllegalArgumentException("not a write scenario: " + scenario);
        }
    }

    private static void sleepAMoment() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Quarry's write service on the recording pool, as in {@code open} auth mode (no session settings). */
    static WriteService writeService(Schema schema, RecordingPool recording) {
        Sessions open = new Sessions() {
            @Override
            public Optional<SessionSettings> current() {
                return Optional.empty();
            }
        };
        return new WriteService(
                schema,
                Pool.newInstance(recording.pool()),
                new ModelRoutes(schema),
                open,
                LIMITS,
                new TxLimits(100, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(30)),
                new SoftDeleteAccess(schema, Optional.empty()));
    }
}
