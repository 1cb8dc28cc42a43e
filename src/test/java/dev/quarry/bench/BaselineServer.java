package dev.quarry.bench;

import dev.quarry.api.WriteService;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's baseline: the least a server can do to answer the benchmark's requests with Quarry's SQL. Plain
 * Vert.x HTTP and the Vert.x PostgreSQL client, the same routes and parameters as Quarry's, each handler picking
 * its values out of the request by hand and running the statements Quarry compiles for that scenario (prepared,
 * cached per connection) in the same order, writes of several statements in one transaction; the body is the JSON
 * PostgreSQL built.
 *
 * <pre>
 * java -cp … dev.quarry.bench.BaselineServer DATABASE_URL PORT [SCHEMA] [--print]
 * </pre>
 */
public final class BaselineServer {

    private static final AtomicLong IDS = new AtomicLong();
    private static final String ID_PREFIX = "b" + Long.toString(System.currentTimeMillis(), 36);

    private final Pool pool;
    private final Template findUnique;
    private final Template nestedSelect;
    private final Template findMany;
    private final Template findManyInclude;
    private final Template largeBody;
    private final Template count;
    private final List<Template> create;
    private final List<Template> update;
    private final List<Template> nestedCreate;

    private BaselineServer(Pool pool, Schema schema) {
        this.pool = pool;
        ScenarioStatements statements = new ScenarioStatements(schema);
        this.findUnique = statements.findUnique(false);
        this.nestedSelect = statements.findUnique(true);
        this.findMany = statements.findMany(null);
        this.findManyInclude = statements.findMany(ScenarioStatements.INCLUDE);
        this.largeBody = statements.findMany(ScenarioStatements.ALL_POSTS);
        this.count = statements.count();
        RecordingPool recording = new RecordingPool(pool);
        WriteService service = ScenarioStatements.writeService(schema, recording);
        this.create = statements.capture(recording, service, "create", "usr000001");
        this.update = statements.capture(recording, service, "update", "usr000001");
        this.nestedCreate = statements.capture(recording, service, "nested_create", "usr000001");
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int port = Integer.parseInt(args[1]);
        Path schemaPath =
                Path.of(args.length > 2 && !args[2].startsWith("--") ? args[2] : "src/main/resources/schema.prisma");
        boolean print = List.of(args).contains("--print");
        SchemaResult parsed = PrismaSchema.load(schemaPath);
        Schema schema =
                parsed.schema().orElseThrow(() -> new IllegalStateException(schemaPath + ": " + parsed.errors()));

        Vertx vertx = Vertx.vertx();
        PgConnectOptions connect = PgConnectOptions.fromUri(url.replaceFirst("^postgresql://", "postgresql://"))
                .setCachePreparedStatements(true);
        int poolSize = Integer.parseInt(System.getenv().getOrDefault("QUARRY_POOL_SIZE", "20"));
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize))
                .connectingTo(connect)
                .using(vertx)
                .build();
        BaselineServer server = new BaselineServer(pool, schema);
        if (print) {
            server.print();
            System.exit(0);
        }
        int instances = 2 * Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(
                        () -> new AbstractVerticle() {
                            @Override
                            public void start(Promise<Void> started) {
                                vertx.createHttpServer()
                                        .requestHandler(server::handle)
                                        .listen(port, "127.0.0.1")
                                        .<Void>mapEmpty()
                                        .onComplete(started);
                            }
                        },
                        new DeploymentOptions().setInstances(instances))
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        System.out.println("baseline listening on 127.0.0.1:" + port + " (" + instances + " event-loop servers, pool "
                + poolSize + ")");
    }

    private void print() {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("find_unique", findUnique);
        all.put("nested_select", nestedSelect);
        all.put("find_many", findMany);
        all.put("find_many_include", findManyInclude);
        all.put("large_body", largeBody);
        all.put("count", count);
        all.put("create", create);
        all.put("update", update);
        all.put("nested_create", nestedCreate);
        all.forEach((name, t) -> System.out.println("== " + name + "\n" + t));
    }

    // --- requests --------------------------------------------------------------------------------

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if (req.method() == HttpMethod.GET && path.startsWith("/api/users/")) {
            Template t = req.getParam("select") != null ? nestedSelect : findUnique;
            read(req, t, Map.of("id", path.substring("/api/users/".length())), true);
        } else if (req.method() == HttpMethod.GET && path.equals("/api/users")) {
            String include = req.getParam("include");
            Template t = include == null
                    ? findMany
                    : include.equals(ScenarioStatements.ALL_POSTS) ? largeBody : findManyInclude;
            read(req, t, Map.of("after", req.getParam("filter[email][gt]")), false);
        } else if (req.method() == HttpMethod.GET && path.equals("/api/posts/_count")) {
            read(req, count, Map.of("id", req.getParam("filter[authorId]")), false);
        } else if (req.method() == HttpMethod.POST && path.equals("/api/users")) {
            req.body().onSuccess(buffer -> {
                JsonObject body = buffer.toJsonObject();
                Map<String, String> values = new HashMap<>();
                values.put("email", body.getString("email"));
                values.put("name", body.getString("name"));
                JsonObject posts = body.getJsonObject("posts");
                if (posts == null) {
                    write(req, create, values, 201);
                    return;
                }
                JsonArray list = posts.getJsonArray("create");
                for (int p = 0; p < list.size(); p++) {
                    values.put("title" + p, list.getJsonObject(p).getString("title"));
                    values.put("body" + p, list.getJsonObject(p).getString("body"));
                }
                write(req, nestedCreate, values, 201);
            });
        } else if (req.method() == HttpMethod.PATCH && path.startsWith("/api/users/")) {
            String id = path.substring("/api/users/".length());
            req.body()
                    .onSuccess(buffer -> write(
                            req,
                            update,
                            Map.of("id", id, "name", buffer.toJsonObject().getString("name")),
                            200));
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    private void read(HttpServerRequest req, Template t, Map<String, String> values, boolean tagged) {
        pool.preparedQuery(t.text()).execute(t.bind(values, new String[0])).onComplete(ar -> {
            try {
                if (ar.failed()) {
                    fail(req, ar.cause());
                    return;
                }
                Row row = ar.result().iterator().next();
                // the columns are body, bytes (the answer budget's measure) and, for a findUnique, tag
                String body = row.getString("body");
                if (body == null) {
                    req.response().setStatusCode(404).end();
                    return;
                }
                var response = req.response().putHeader("content-type", "application/json");
                String tag = tagged ? row.getString("tag") : null;
                if (tag != null) {
                    response.putHeader("ETag", "\"" + tag + "\"");
                }
                response.end(body);
            } catch (RuntimeException e) {
                fail(req, e);
            }
        });
    }

    private void write(HttpServerRequest req, List<Template> statements, Map<String, String> values, int status) {
        String[] ids = new String
                [statements.stream().mapToInt(Template::freshIds).max().orElse(0) + 4];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ID_PREFIX + Long.toString(IDS.incrementAndGet(), 36);
        }
        // a write that is one statement runs alone, as Quarry runs it; several run in one transaction
        Future<String> written = statements.size() == 1
                ? pool.withConnection(conn -> run(conn, statements, 0, values, ids, null))
                : pool.withTransaction(conn -> run(conn, statements, 0, values, ids, null));
        written.onComplete(ar -> {
            if (ar.failed()) {
                fail(req, ar.cause());
            } else {
                req.response()
                        .setStatusCode(status)
                        .putHeader("content-type", "application/json")
                        .end(ar.result());
            }
        });
    }

    /** Runs the statements one after the other; the answer is the last body a statement returned. */
    private static Future<String> run(
            SqlConnection conn,
            List<Template> statements,
            int i,
            Map<String, String> values,
            String[] ids,
            String body) {
        if (i == statements.size()) {
            return Future.succeededFuture(body);
        }
        Template t = statements.get(i);
        return conn.preparedQuery(t.text()).execute(t.bind(values, ids)).compose(rows -> {
            String next = body;
            if (rows.columnsNames() != null
                    && rows.columnsNames().contains("body")
                    && rows.iterator().hasNext()) {
                next = rows.iterator().next().getString("body");
            }
            return run(conn, statements, i + 1, values, ids, next);
        });
    }

    private static void fail(HttpServerRequest req, Throwable cause) {
        System.err.println("baseline: " + cause);
        req.response().setStatusCode(500).end();
    }
}
