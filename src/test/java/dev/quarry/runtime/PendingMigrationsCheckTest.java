package dev.quarry.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingMigrationsCheckTest {

    @TempDir
    Path migrations;

    @Test
    void pendingMigrationsAreNamedAndNothingIsApplied() throws Exception {
        Files.writeString(migrations.resolve("V1__people.sql"), "CREATE TABLE people (id INTEGER);\n");
        DatabaseUrl url = TestServer.createDatabase("pending_check");
        try {
            PendingMigrationsCheck.Result result = PendingMigrationsCheck.check(url, "filesystem:" + migrations);
            assertTrue(result.warning());
            assertEquals(
                    "migrations: 1 pending migration(s) not applied to " + url.redacted()
                            + ": V1__people.sql; run `migrate deploy` (they are never applied by the service)",
                    result.message());
            try (var connection = TestServer.connect(url);
                    var rs = connection.createStatement().executeQuery("SELECT to_regclass('people') IS NULL")) {
                rs.next();
                assertTrue(rs.getBoolean(1), "the check applied nothing");
            }
        } finally {
            TestServer.dropDatabase(url);
        }
    }

    @Test
    void anUnreachableDatabaseIsAWarningNotAFailure() {
        DatabaseUrl down = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:1/quarry");
        PendingMigrationsCheck.Result result = PendingMigrationsCheck.check(down, "filesystem:" + migrations);
        assertTrue(result.warning());
        assertTrue(
                result.message()
                        .startsWith("migrations: could not check for pending migrations on "
                                + "postgresql://postgres@127.0.0.1:1/quarry ("),
                result.message());
        assertFalse(result.message().contains("\n"), result.message());
    }
}
