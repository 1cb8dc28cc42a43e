package dev.quarry.cli;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.EmbeddedDatabase;
import dev.quarry.runtime.EmbeddedMigrations;
import dev.quarry.runtime.Environment;
import dev.quarry.schema.model.Schema;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves the HTTP API of the schema (the default command).",
            "Uses DATABASE_URL (environment or .env); without it, starts the embedded PostgreSQL "
                    + "with its data in .quarry/ and applies the project's migrations to it."
        })
final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--schema",
            paramLabel = "PATH",
            description = "The schema file or folder (default: as Prisma finds it, see migrate --help).")
    String schema;

    @Option(names = "--port", paramLabel = "PORT", description = "The HTTP port (default: 8080, or quarkus.http.port).")
    Integer port;

    @Override
    public Integer call() {
        Project project = Project.discover(Optional.ofNullable(schema), Optional.empty());
        Schema resolved =
                SchemaCheck.requireValid(project.schema(), System.err).schema().orElseThrow();
        Environment environment = project.environment();
        Optional<DatabaseUrl> configured = project.servingUrl(resolved);
        project.describe(new PrintWriter(System.out), configured);
        EmbeddedDatabase embedded = null;
        try {
            if (configured.isPresent()) {
                System.setProperty("quarry.database-url", configured.get().toPrismaUrl());
                if (project.layout() == Project.Layout.PRISMA) {
                    checkMigrationsOf(project, environment);
                }
            } else if (!quarkusDatasourceConfigured() && !generatingAppCds()) {
                embedded = startEmbedded(environment);
                openUnlessAuthConfigured(environment);
            }
            System.setProperty("quarry.schema.path", project.schema());
            if (port != null) {
                System.setProperty("quarkus.http.port", port.toString());
            }
            AtomicInteger exitCode = new AtomicInteger();
            Quarkus.run(Application.class, (code, failure) -> exitCode.set(code), new String[0]);
            return exitCode.get();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * In a Prisma project the tables may be Prisma Migrate's alone: the service checks Quarry's own migrations
     * folder of the project, and refuses requests while some are pending only when {@code
     * QUARRY_REQUIRE_MIGRATIONS=true}.
     */
    private static void checkMigrationsOf(Project project, Environment environment) {
        System.setProperty(
                "quarry.migrations.location",
                "filesystem:" + project.migrations().toAbsolutePath());
        if (environment.get("QUARRY_REQUIRE_MIGRATIONS").isEmpty()) {
            System.setProperty("quarry.migrations.require-applied", "false");
        }
    }

    private static EmbeddedDatabase startEmbedded(Environment environment) {
        Path base = Path.of(environment.get("QUARRY_DATA_DIR").orElse(".quarry"));
        int embeddedPort =
                environment.get("QUARRY_EMBEDDED_PORT").map(Integer::parseInt).orElse(0);
        EmbeddedDatabase embedded;
        try {
            embedded = EmbeddedDatabase.start(base, embeddedPort);
        } catch (EmbeddedDatabase.StartFailure e) {
            throw new UserError(e.getMessage());
        }
        System.out.println(
                "quarry: no DATABASE_URL set; using the embedded PostgreSQL " + EmbeddedDatabase.MAJOR_VERSION + " at "
                        + embedded.url().redacted() + " with its data in " + embedded.dataDirectory());
        int applied = EmbeddedMigrations.apply(embedded.url());
        if (applied > 0) {
            System.out.println("quarry: applied " + applied + " migration(s) to the embedded database");
        }
        System.setProperty("quarry.database-url", embedded.url().toPrismaUrl());
        return embedded;
    }

    /** The embedded database is for development: open, as the dev profile is, unless a mode is chosen. */
    private static void openUnlessAuthConfigured(Environment environment) {
        if (environment.get("QUARRY_AUTH_MODE").isEmpty() && System.getProperty("quarry.auth.mode") == null) {
            System.setProperty("quarry.auth.mode", "open");
            System.setProperty("quarry.embedded-database", "true");
        }
    }

    /**
     * The build's AppCDS run ({@code quarkus.package.jar.appcds.enabled}) starts the service with no database and
     * stops it before any connection is made: it needs no embedded PostgreSQL.
     */
    private static boolean generatingAppCds() {
        return Boolean.getBoolean("quarkus.appcds.generate");
    }

    private static boolean quarkusDatasourceConfigured() {
        return System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL") != null
                || System.getProperty("quarkus.datasource.reactive.url") != null;
    }

    /** The running service: waits until Quarkus is asked to stop. */
    public static final class Application implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
