package dev.quarry.migrate;

import dev.quarry.runtime.DatabaseUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Flyway over plain JDBC for one database and one migrations folder (no Quarkus boot). */
public final class Flyways {

    /** Tables that belong to migration tools, never to the user's schema. */
    public static final java.util.List<String> HISTORY_TABLES = java.util.List.of("flyway_schema_history", "_prisma_migrations");

    private Flyways() {}

    public static Flyway forFolder(DatabaseUrl url, MigrationsFolder folder) {
        return Flyway.configure(Flyways.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user(), url.password().orElse(null))
                .locations(folder.flywayLocation())
                .schemas(url.schema())
                .defaultSchema(url.schema())
                .createSchemas(true)
                .connectRetries(0)
                .cleanDisabled(true)
                .ignoreMigrationPatterns("*:pending")
                .load();
    }

    /** Flyway's failures, said as a sentence about this database. */
    public static MigrateException explain(DatabaseUrl url, FlywayException e) {
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"))) {
                return DatabaseConnector.explain(url, sql);
            }
            cause = cause.getCause();
        }
        return new MigrateException(firstLines(e.getMessage()), e);
    }

    private static String firstLines(String message) {
        if (message == null) {
            return "Flyway failed without a message";
        }
        String[] lines = message.strip().split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 12)));
    }
}
