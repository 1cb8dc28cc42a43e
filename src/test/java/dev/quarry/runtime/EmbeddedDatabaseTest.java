package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real embedded server: data survives a restart, and a server left by a killed Quarry is stopped first. */
class EmbeddedDatabaseTest {

    @Test
    void keepsDataAcrossRestarts(@TempDir Path base) throws Exception {
        try (EmbeddedDatabase first = EmbeddedDatabase.start(base, 0)) {
            execute(first.url(), "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
            assertTrue(first.dataDirectory().endsWith("postgres-" + EmbeddedDatabase.MAJOR_VERSION));
        }
        try (EmbeddedDatabase second = EmbeddedDatabase.start(base, 0)) {
            assertEquals("still here", queryOne(second.url(), "SELECT value FROM kept"));
        }
    }

    @Test
    void startsAfterAKillNineLeftTheServerRunning(@TempDir Path base) throws Exception {
        Process owner = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartAndWait.class.getName(),
                        base.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // wait for the child's server
            }
        }
        owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertTrue(
                Files.exists(base.resolve("postgres-" + EmbeddedDatabase.MAJOR_VERSION)
                        .resolve("postmaster.pid")),
                "the killed owner's server still holds the data folder");
        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(base, 0)) {
            assertEquals("1", queryOne(restarted.url(), "SELECT 1"));
        }
    }

    /** Runs in a child JVM that the test kills with SIGKILL. */
    public static final class StartAndWait {
        public static void main(String[] args) throws Exception {
            EmbeddedDatabase.start(Path.of(args[0]), 0);
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    private static void execute(DatabaseUrl url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String queryOne(DatabaseUrl url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), null);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
