package dev.quarry.migrate;

import dev.quarry.runtime.DatabaseUrl;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/** Flyway over plain JDBC for one database and one migrations folder (no Quarkus boot). */
public final class Flyways {

    /** Tables that belong to migration tools, never to the user's schema. */
    public static final List<String> HISTORY_TABLES = List.of("flyway_schema_history", "_prisma_migrations");

    private Flyways() {}

    public static Flyway forFolder(DatabaseUrl url, MigrationsFolder folder) {
        return configure(url, folder).load();
    }

    public static FluentConfiguration configure(DatabaseUrl url, MigrationsFolder folder) {
        FluentConfiguration configuration = Flyway.configure(Flyways.class.getClassLoader());
        if (folder.prismaHistory().isPresent()) {
            configuration.resourceProvider(new FolderResources(folder));
        }
        return configuration
                .dataSource(url.jdbcUrl(), url.user(), url.password().orElse(null))
                .locations(folder.flywayLocation())
                .schemas(url.schema())
                .defaultSchema(url.schema())
                .createSchemas(true)
                .connectRetries(0)
                .cleanDisabled(true)
                .ignoreMigrationPatterns("*:pending");
    }

    /** Flyway's failures, said as a sentence about this database. */
    public static MigrateException explain(DatabaseUrl url, FlywayException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08")
                            || sql.getSQLState().startsWith("28")
                            || sql.getSQLState().equals("3D000"))) {
                return DatabaseConnector.explain(url, sql);
            }
            cause = cause.getCause();
        }
        if (e instanceof FlywayMigrateException failed && failed.getMigration() != null) {
            return failedMigration(failed);
        }
        return new MigrateException(firstLines(e.getMessage()), e);
    }

    /** "V2 add_index failed at line 3: ERROR: …", and what is left of it. */
    private static MigrateException failedMigration(FlywayMigrateException e) {
        String script = e.getMigration().getScript();
        String sqlError = e.getCause() instanceof FlywaySqlScriptException sql && sql.getCause() != null
                ? sql.getCause().getMessage()
                : String.valueOf(e.getMessage());
        String firstLine = sqlError.strip().lines().findFirst().orElse("");
        String where = e.getLineNumber() > 0 ? " at line " + e.getLineNumber() : "";
        String left = e.isExecutableInTransaction()
                ? "it was rolled back, nothing of it was applied; fix it and deploy again"
                : "it ran outside a transaction (CREATE INDEX CONCURRENTLY and the like), so the statements "
                        + "before the error stay applied: undo them by hand, fix it and deploy again";
        return new MigrateException("the migration " + script + " failed" + where + ": " + firstLine + "; " + left, e);
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "Flyway failed without a message";
        }
        String[] lines = message.strip().split("\n");
        return String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 12)));
    }
}
