package dev.quarry.migrate;

import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.runtime.DatabaseUrl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A scratch database to replay the migrations folder into: a temporary database created on the
 * development database's server and dropped afterwards, or the one {@code SHADOW_DATABASE_URL}
 * names (emptied first; it must be used for nothing else).
 */
public final class ShadowDatabase {

    private ShadowDatabase() {}

    public static <T> T use(DatabaseUrl development, Optional<DatabaseUrl> configured, Function<DatabaseUrl, T> work) {
        if (configured.isPresent()) {
            DatabaseUrl shadow = configured.get();
            try (Connection connection = DatabaseConnector.open(shadow);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + quote(shadow.schema()) + " CASCADE");
                statement.execute("CREATE SCHEMA " + quote(shadow.schema()));
            } catch (SQLException e) {
                throw DatabaseConnector.explain(shadow, e);
            }
            return work.apply(shadow);
        }
        String name = ("quarry_shadow_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        try (Connection connection = DatabaseConnector.open(development);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + quote(name));
        } catch (SQLException e) {
            throw new MigrateException(
                    "cannot create a shadow database on " + development.host() + ":" + development.port() + " ("
                            + e.getMessage().strip() + "); give the user CREATEDB or set SHADOW_DATABASE_URL",
                    e);
        }
        try {
            return work.apply(development.withDatabase(name));
        } finally {
            try (Connection connection = DatabaseConnector.open(development);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
            } catch (SQLException | MigrateException e) {
                System.err.println("warning: the shadow database " + name + " could not be dropped: " + e.getMessage());
            }
        }
    }
}
