package dev.quarry.query.support;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh database on the local PostgreSQL for one test class, set up from SQL resources, dropped on close. */
public final class TestDatabase implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int PORT = 5432;

    public final String name;
    private final Vertx vertx;
    public final Pool pool;

    private TestDatabase(String name) {
        this.name = name;
        this.vertx = Vertx.vertx();
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(4))
                .connectingTo(new PgConnectOptions()
                        .setHost(HOST)
                        .setPort(PORT)
                        .setDatabase(name)
                        .setUser("postgres")
                        .setPassword("postgres")
                        .setCachePreparedStatements(true))
                .using(vertx)
                .build();
    }

    public static TestDatabase create(String prefix, String... sqlResources) {
        String name = "quarry_test_" + prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        admin("CREATE DATABASE " + name);
        try (Connection c = connect(name);
                Statement s = c.createStatement()) {
            for (String resource : sqlResources) {
                s.execute(read(resource));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new TestDatabase(name);
    }

    public String url() {
        return "postgresql://postgres:postgres@" + HOST + ":" + PORT + "/" + name;
    }

    public static String read(String resource) {
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect(String db) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + db, "postgres", "postgres");
    }

    private static void admin(String sql) {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        pool.closeAndAwait();
        vertx.closeAndAwait();
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
