package dev.quarry.testsupport;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.runtime.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against, chosen as DESIGN.md says: {@code QUARRY_TEST_DATABASE_URL}
 * if set, else a server on 127.0.0.1:5432 if one answers, else the embedded one. Each test class
 * gets its own fresh database on it.
 */
public final class TestServer {

    private static DatabaseUrl admin;
    private static EmbeddedDatabase embedded;

    private TestServer() {}

    /** A URL with rights to create databases. */
    public static synchronized DatabaseUrl admin() {
        if (admin == null) {
            admin = chooseServer();
        }
        return admin;
    }

    /** Creates an empty database with a unique name and returns its URL. */
    public static DatabaseUrl createDatabase(String purpose) {
        String name = ("quarry_test_" + purpose.replaceAll("[^a-zA-Z0-9]", "_") + "_"
                        + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase();
        execute(admin(), "CREATE DATABASE \"" + name + "\"");
        return admin().withDatabase(name);
    }

    public static void dropDatabase(DatabaseUrl database) {
        execute(admin(), "DROP DATABASE IF EXISTS \"" + database.database() + "\" WITH (FORCE)");
    }

    public static void execute(DatabaseUrl url, String sql) {
        try (Connection connection = connect(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("on " + url.redacted() + ": " + e.getMessage(), e);
        }
    }

    public static Connection connect(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(
                url.jdbcUrl(), url.user(), url.password().orElse(null));
    }

    private static DatabaseUrl chooseServer() {
        Optional<String> configured =
                Optional.ofNullable(System.getenv("QUARRY_TEST_DATABASE_URL")).filter(s -> !s.isBlank());
        if (configured.isPresent()) {
            return DatabaseUrl.parse(configured.get());
        }
        DatabaseUrl local = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:5432/postgres");
        try (Connection ignored = connect(local)) {
            return local;
        } catch (SQLException e) {
            embedded = EmbeddedDatabase.start(Path.of("target", "embedded-test-postgres"), 0);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
            return embedded.url().withDatabase("postgres");
        }
    }
}
