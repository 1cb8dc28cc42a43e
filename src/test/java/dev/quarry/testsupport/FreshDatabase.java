package dev.quarry.testsupport;

import dev.quarry.migrate.Migrations;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.DatabaseUrlConfigSourceFactory;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import dev.quarry.schema.model.Schema;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A fresh database for one test class, with the service pointed at it:
 *
 * <pre>
 * &#64;WithTestResource(value = FreshDatabase.class, initArgs = {
 *     &#64;ResourceArg(name = "schema", value = "schemas/rich.prisma"),   // classpath; default schema.prisma
 * &#64;ResourceArg(name = "sql", value = "schemas/rich-seed.sql"), // optional SQL run after the tables exist (a,
 * b: in turn)
 *     &#64;ResourceArg(name = "purpose", value = "MyApiTest")})          // the class: see below
 * </pre>
 *
 * Quarkus starts the service (and its resources) again only for a class whose resources differ from the previous
 * class's: classes with equal arguments would share one database and see each other's writes. A {@code purpose} of
 * its own (the class's name) keeps a class's database its own.
 *
 * The tables are created by Quarry's own from-empty migration of the schema (as {@code migrate dev}
 * writes it), unless {@code ddl=false} says the setup SQL creates them itself.
 *
 * <p>With {@code pgbouncer=true} (or the system property {@code quarry.test.pgbouncer=true}, which the
 * {@code pgbouncer} profile of the build sets for a few representative API classes) the service reaches
 * the database through a PgBouncer of its own in transaction mode, as {@code ?pgbouncer=true} in
 * {@code DATABASE_URL} says; {@link #current()} stays the direct URL.
 */
public final class FreshDatabase implements QuarkusTestResourceLifecycleManager {

    private String schema = "schema.prisma";
    private String setupSql;
    private boolean createTables = true;
    private boolean throughPgBouncer = Boolean.getBoolean("quarry.test.pgbouncer");
    private DatabaseUrl database;
    private PgBouncer pgBouncer;

    @Override
    public void init(Map<String, String> initArgs) {
        schema = initArgs.getOrDefault("schema", schema);
        setupSql = initArgs.get("sql");
        createTables = !"false".equals(initArgs.get("ddl"));
        throughPgBouncer |= "true".equals(initArgs.get("pgbouncer"));
    }

    @Override
    public Map<String, String> start() {
        database = TestServer.createDatabase(schema.replaceAll(".*/", "").replace(".prisma", ""));
        if (createTables) {
            createTables(database, schema);
        }
        if (setupSql != null) {
            for (String resource : setupSql.split(",")) {
                TestServer.execute(database, readResource(resource.strip()));
            }
        }
        DatabaseUrl served = throughPgBouncer && pgBouncerInstalled() ? startPgBouncer() : database;
        Map<String, String> config = new HashMap<>(DatabaseUrlConfigSourceFactory.datasourceProperties(served));
        config.put("quarry.database-url", served.toPrismaUrl());
        config.put("quarry.schema.path", "classpath:" + schema);
        config.put("quarry.test.database-url", database.toPrismaUrl());
        return config;
    }

    /**
     * Whether the PgBouncer asked for can run. Missing, it fails the class under {@code CI=true}, so that the
     * re-run behind PgBouncer cannot quietly become a second direct run; elsewhere the class runs direct, and says
     * so.
     */
    private boolean pgBouncerInstalled() {
        if (Tools.find("pgbouncer").isPresent()) {
            return true;
        }
        String reason = "quarry.test.pgbouncer=true but pgbouncer is not installed (apt-get install -y pgbouncer)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(reason);
        }
        System.out.println("[ops] " + reason + "; " + schema + " is served directly, not through PgBouncer");
        return false;
    }

    /** PgBouncer in transaction mode with two server connections, so that client connections really share them. */
    private DatabaseUrl startPgBouncer() {
        Path executable = Tools.find("pgbouncer").orElseThrow();
        try {
            pgBouncer = PgBouncer.start(executable, TestServer.admin(), 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, String> parameters = new HashMap<>(database.parameters());
        parameters.put("pgbouncer", "true");
        DatabaseUrl front = pgBouncer.front(database);
        System.out.println("[ops] " + schema + " served through PgBouncer (transaction mode) on port " + front.port());
        return new DatabaseUrl(
                front.host(),
                front.port(),
                front.database(),
                front.user(),
                front.password(),
                front.schema(),
                parameters);
    }

    @Override
    public void stop() {
        if (pgBouncer != null) {
            System.out.println("[ops] " + schema + " through PgBouncer: "
                    + pgBouncer
                            .log()
                            .lines()
                            .filter(l -> l.contains("login attempt"))
                            .count() + " client connections served");
            try {
                pgBouncer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            TestServer.dropDatabase(database);
        }
    }

    /**
     * The database of the running test class. Read when called, not injected: Quarkus validates the
     * injection points of every test class whenever it starts, also for classes with another resource.
     */
    public static DatabaseUrl current() {
        return DatabaseUrl.parse(ConfigProvider.getConfig().getValue("quarry.test.database-url", String.class));
    }

    /**
     * Creates the tables of a classpath schema with Quarry's own from-empty migration, as {@code migrate dev}
     * writes it.
     */
    public static void createTables(DatabaseUrl database, String schemaResource) {
        PolicyRoles.ensure(); // a schema's access policies grant to these roles, which must exist
        TestServer.execute(database, Migrations.createScript(parse(schemaResource)));
    }

    private static Schema parse(String resource) {
        SchemaResult result = PrismaSchema.parse(resource, readResource(resource));
        if (result.hasErrors()) {
            throw new IllegalArgumentException(
                    "the test schema " + resource + " has errors:\n" + DiagnosticRenderer.render(result.errors()));
        }
        return result.schema().orElseThrow();
    }

    public static String readResource(String name) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
