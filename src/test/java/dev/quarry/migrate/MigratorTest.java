package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.database.TestSchemas;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigratorTest {

    @TempDir
    Path migrations;

    private final List<DatabaseUrl> databases = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestServer::dropDatabase);
    }

    private DatabaseUrl freshDatabase() {
        DatabaseUrl url = TestServer.createDatabase("migrator");
        databases.add(url);
        return url;
    }

    private Migrator migrator(DatabaseUrl url) {
        return new Migrator(
                url,
                new MigrationsFolder(migrations),
                Optional.empty(),
                new PrintWriter(output, true),
                Prompt.nobody());
    }

    private static Migrator.DevOptions dev(String name) {
        return new Migrator.DevOptions(name, false, Renames.none(), false, false);
    }

    @Test
    void devWritesAppliesAndThenFindsNothing() throws Exception {
        DatabaseUrl url = freshDatabase();
        Optional<Path> file = migrator(url).dev(TestSchemas.blog(), dev("init"));
        assertTrue(file.isPresent());
        assertTrue(
                file.get().getFileName().toString().matches("V\\d{14}__init\\.sql"),
                file.get().toString());
        String fromEmpty = Migrations.createScript(TestSchemas.blog());
        assertEquals(
                fromEmpty.substring(fromEmpty.indexOf("-- CreateTable")),
                Files.readString(file.get()),
                "the shadow database already has the public schema");
        Path undo = file.get()
                .resolveSibling("U" + file.get().getFileName().toString().substring(1));
        assertTrue(Files.readString(undo).contains("DROP TABLE \"Post\""), Files.readString(undo));

        DatabaseShape live = Migrator.describe(url);
        assertTrue(ShapeDiffer.diff(live, ShapeCalculator.calculate(TestSchemas.blog(), "public"))
                .isEmpty());
        assertEquals(Optional.empty(), migrator(url).dev(TestSchemas.blog(), dev("again")));
        assertTrue(migrator(url).status().clean(), migrator(url).status().toString());
    }

    @Test
    void deployIsIdempotentAndRefusesAnEditedMigration() throws Exception {
        Path file =
                migrator(freshDatabase()).dev(TestSchemas.blog(), dev("init")).orElseThrow();
        DatabaseUrl production = freshDatabase();
        assertFalse(migrator(production).status().clean());
        assertEquals(List.of(), migrator(production).status().applied());
        assertEquals(1, migrator(production).status().pending().size());
        assertEquals(1, migrator(production).deploy());
        assertEquals(0, migrator(production).deploy());
        assertTrue(migrator(production).status().clean());

        Files.writeString(file, Files.readString(file) + "\n-- edited\n");
        Migrator.Status status = migrator(production).status();
        assertEquals(1, status.edited().size(), status.toString());
        assertTrue(status.edited().get(0).contains("edited"), status.edited().get(0));
        MigrateException refused =
                assertThrows(MigrateException.class, () -> migrator(production).deploy());
        assertTrue(refused.getMessage().contains("edited"), refused.getMessage());
    }

    @Test
    void twoDeploysAtOnceApplyEachMigrationOnce() throws Exception {
        migrator(freshDatabase()).dev(TestSchemas.blog(), dev("init")).orElseThrow();
        DatabaseUrl production = freshDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> deploy = () -> migrator(production).deploy();
            Future<Integer> first = pool.submit(deploy);
            Future<Integer> second = pool.submit(deploy);
            assertEquals(1, first.get() + second.get());
        } finally {
            pool.shutdown();
        }
        assertTrue(migrator(production).status().clean());
    }

    @Test
    void aFailingMigrationLeavesNothingHalfApplied() throws Exception {
        Files.writeString(
                migrations.resolve("V1__broken.sql"),
                "CREATE TABLE \"A\" (\"id\" INTEGER);\nCREATE TABLE \"B\" (\"id\" NO_SUCH_TYPE);\n");
        DatabaseUrl url = freshDatabase();
        MigrateException failure =
                assertThrows(MigrateException.class, () -> migrator(url).deploy());
        assertTrue(failure.getMessage().contains("no_such_type"), failure.getMessage());
        assertTrue(Migrator.describe(url).tables().isEmpty(), "table A was rolled back");
    }

    @Test
    void unreachableAndMissingDatabasesAreOneSentence() {
        DatabaseUrl unreachable = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:1/quarry");
        MigrateException e =
                assertThrows(MigrateException.class, () -> migrator(unreachable).deploy());
        assertTrue(e.getMessage().startsWith("cannot reach the database server at 127.0.0.1:1"), e.getMessage());
        DatabaseUrl missing = TestServer.admin().withDatabase("quarry_no_such_database");
        e = assertThrows(MigrateException.class, () -> migrator(missing).status());
        assertTrue(
                e.getMessage().startsWith("the database \"quarry_no_such_database\" does not exist"), e.getMessage());
    }
}
