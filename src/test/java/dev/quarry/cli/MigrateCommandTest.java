package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrate commands run as a person runs them: options, prompts refused without a terminal, messages and exit
 * codes.
 */
class MigrateCommandTest {

    static final String DATASOURCE = "datasource db {\n  provider = \"postgresql\"\n}\n\n";
    static final String PERSON = "model Person {\n  id Int @id @default(autoincrement())\n  fullName String "
            + "@map(\"full_name\")\n  nick "
            + "String?\n  @@map(\"people\")\n}\n";

    @TempDir
    Path project;

    private final List<DatabaseUrl> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(TestServer::dropDatabase);
    }

    private DatabaseUrl freshDatabase() {
        DatabaseUrl url = TestServer.createDatabase("cli");
        databases.add(url);
        return url;
    }

    private String schema(String models) throws Exception {
        Path file = project.resolve("schema.prisma");
        Files.writeString(file, DATASOURCE + models);
        return file.toString();
    }

    private Path migrations() {
        return project.resolve("migrations");
    }

    private Cli.Run migrate(DatabaseUrl url, String... args) {
        List<String> all = new ArrayList<>(List.of("migrate"));
        all.addAll(List.of(args));
        all.addAll(List.of(
                "--schema",
                project.resolve("schema.prisma").toString(),
                "--migrations",
                migrations().toString()));
        return Cli.run(url, all.toArray(String[]::new));
    }

    private List<Path> migrationFiles(String prefix) throws Exception {
        try (Stream<Path> files = Files.list(migrations())) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        }
    }

    private static void assertNoStackTrace(Cli.Run run) {
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.toString());
    }

    @Test
    void devRegeneratesTheOpenApiDocumentBesideTheSchemaAndTheEntitiesInAJavaProjectOnly() throws Exception {
        String models = "model Note {\n  id    Int    @id @default(autoincrement())\n  title String\n}\n";
        schema(models);
        Cli.Run outside = migrate(freshDatabase(), "dev", "--name", "init");
        assertEquals(0, outside.exitCode(), outside.toString());
        assertTrue(Files.isRegularFile(project.resolve("openapi/openapi.yaml")), outside.toString());
        assertFalse(
                outside.out().contains("Java entities") || Files.exists(project.resolve("src")), outside.toString());

        Path schemaInProject = project.resolve("app/src/main/resources/schema.prisma");
        Files.createDirectories(schemaInProject.getParent());
        Files.writeString(schemaInProject, DATASOURCE + models);
        Cli.Run inside = Cli.run(
                freshDatabase(),
                "migrate",
                "dev",
                "--name",
                "init",
                "--schema",
                schemaInProject.toString(),
                "--migrations",
                project.resolve("app/migrations").toString());
        assertEquals(0, inside.exitCode(), inside.toString());
        assertTrue(Files.isRegularFile(project.resolve("app/openapi/openapi.yaml")), inside.toString());
        assertTrue(
                Files.isRegularFile(project.resolve("app/src/main/java/dev/quarry/entities/Note.java")),
                inside.toString());

        Cli.Run skipped = Cli.run(
                freshDatabase(),
                "migrate",
                "dev",
                "--name",
                "again",
                "--skip-generate",
                "--schema",
                schemaInProject.toString(),
                "--migrations",
                project.resolve("app/migrations2").toString());
        assertEquals(0, skipped.exitCode(), skipped.toString());
        assertFalse(skipped.out().contains("Java entities"), skipped.toString());
    }

    @Test
    void badInvocationsExitNonZeroWithAMessage() throws Exception {
        Cli.Run noSubcommand = Cli.run(Optional.empty(), "migrate");
        assertEquals(2, noSubcommand.exitCode(), noSubcommand.toString());
        assertTrue(
                noSubcommand.err().contains("name a sub-command: dev, deploy, status, reset, diff or import-prisma"),
                noSubcommand.toString());

        Cli.Run unknownOption = Cli.run(Optional.empty(), "migrate", "dev", "--nmae=x");
        assertEquals(2, unknownOption.exitCode(), unknownOption.toString());
        assertTrue(unknownOption.err().startsWith("Unknown option: '--nmae=x'"), unknownOption.toString());

        Cli.Run help = Cli.run(Optional.empty(), "migrate", "dev", "--help");
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.out().contains("--rename=Model.old=new"), help.out());

        Cli.Run diffWithoutTo = Cli.run(Optional.empty(), "migrate", "diff", "--from", "empty");
        assertEquals(2, diffWithoutTo.exitCode(), diffWithoutTo.toString());
        assertTrue(diffWithoutTo.err().contains("Missing required option: '--to=SOURCE'"), diffWithoutTo.toString());

        schema(PERSON);
        Cli.Run badRename = migrate(TestServer.admin(), "dev", "--rename", "Person.fullName");
        assertEquals(1, badRename.exitCode(), badRename.toString());
        assertEquals(
                "error: --rename Person.fullName is not Model.previousColumn=field or previousTable=Model\n",
                badRename.err());
        Cli.Run unknownModel = migrate(TestServer.admin(), "dev", "--rename", "Human.full_name=fullName");
        assertEquals("error: --rename Human.full_name=fullName: the schema has no model Human\n", unknownModel.err());
        Cli.Run unknownField = migrate(TestServer.admin(), "dev", "--rename", "Person.full_name=name");
        assertEquals("error: --rename Person.full_name=name: the model Person has no field name\n", unknownField.err());
    }

    @Test
    void aSchemaErrorStopsEveryCommandBeforeTheDatabase() throws Exception {
        schema("model Person {\n  id Int @id\n  nick Strin\n}\n");
        DatabaseUrl unreachable = DatabaseUrl.parse("postgresql://postgres@127.0.0.1:1/nowhere");
        String file = project.resolve("schema.prisma").toString();
        List<String[]> commands = List.of(
                new String[] {"migrate", "dev", "--schema", file},
                new String[] {"migrate", "deploy", "--schema", file},
                new String[] {"migrate", "status", "--schema", file},
                new String[] {"migrate", "reset", "--force", "--schema", file},
                new String[] {"migrate", "diff", "--from", unreachable.toPrismaUrl(), "--to", file},
                new String[] {"db", "push", "--schema", file},
                new String[] {"db", "seed", "--schema", file});
        for (String[] command : commands) {
            Cli.Run run = Cli.run(unreachable, command);
            String what = String.join(" ", command) + "\n" + run;
            assertEquals(1, run.exitCode(), what);
            assertTrue(run.err().contains("schema.prisma:7:8"), what);
            assertTrue(run.err().contains("error: the schema " + file + " has 1 error(s); see above"), what);
            assertFalse(run.err().contains("cannot reach"), what);
            assertNoStackTrace(run);
        }
    }

    @Test
    void databaseProblemsAreOneSentence() throws Exception {
        schema(PERSON);
        Files.createDirectories(migrations());
        Files.writeString(migrations().resolve("V1__people.sql"), "CREATE TABLE people (id INTEGER);\n");
        Cli.Run unreachable = migrate(DatabaseUrl.parse("postgresql://postgres@127.0.0.1:1/quarry"), "deploy");
        assertEquals(1, unreachable.exitCode(), unreachable.toString());
        assertEquals(
                "error: cannot reach the database server at 127.0.0.1:1 "
                        + "(postgresql://postgres@127.0.0.1:1/quarry); is PostgreSQL running there?\n",
                unreachable.err());

        DatabaseUrl missing = TestServer.admin().withDatabase("quarry_no_such_database");
        Cli.Run missingRun = migrate(missing, "status");
        assertEquals(1, missingRun.exitCode(), missingRun.toString());
        assertTrue(
                missingRun.err().startsWith("error: the database \"quarry_no_such_database\" does not exist on "),
                missingRun.toString());
        assertEquals(1, missingRun.err().lines().count(), missingRun.toString());

        DatabaseUrl admin = TestServer.admin();
        DatabaseUrl wrongUser = DatabaseUrl.parse("postgresql://quarry_no_such_role:secret@" + admin.host() + ":"
                + admin.port() + "/" + admin.database());
        Cli.Run wrongUserRun = migrate(wrongUser, "deploy");
        assertEquals(1, wrongUserRun.exitCode(), wrongUserRun.toString());
        assertTrue(
                wrongUserRun.err().startsWith("error: authentication failed for user \"quarry_no_such_role\""),
                wrongUserRun.toString());
        assertFalse(wrongUserRun.err().contains("secret"), "the password is never printed");
        assertEquals(1, wrongUserRun.err().lines().count(), wrongUserRun.toString());
    }

    /**
     * deploy and status never take "no migrations" for "up to date": a folder given but missing, or empty, is an
     * error.
     */
    @Test
    void deployAndStatusNeedMigrations() throws Exception {
        DatabaseUrl database = freshDatabase();
        schema(PERSON);
        for (String command : List.of("deploy", "status")) {
            Cli.Run missing = migrate(database, command);
            assertEquals(1, missing.exitCode(), missing.toString());
            assertEquals("error: the migrations folder " + migrations() + " does not exist\n", missing.err());
            assertFalse(missing.out().contains("up to date"), missing.toString());
        }
        Files.createDirectories(migrations());
        for (String command : List.of("deploy", "status")) {
            Cli.Run empty = migrate(database, command);
            assertEquals(1, empty.exitCode(), empty.toString());
            assertEquals(
                    "error: no migrations in " + migrations()
                            + ": nothing to deploy or check (write them with `migrate dev`)\n",
                    empty.err());
        }
        try (var connection = TestServer.connect(database);
                var rs = connection
                        .createStatement()
                        .executeQuery("SELECT to_regclass('flyway_schema_history') IS NULL")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "nothing was recorded in the database");
        }
    }

    @Test
    void noDatabaseConfigured() throws Exception {
        Tools.require(
                System.getenv("DATABASE_URL") == null && !Files.exists(Path.of(".env")),
                () -> "DATABASE_URL is set around the tests");
        schema(PERSON);
        Cli.Run run = Cli.run(
                Optional.empty(),
                "migrate",
                "deploy",
                "--schema",
                project.resolve("schema.prisma").toString(),
                "--migrations",
                migrations().toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("error: no database configured: set DATABASE_URL (in the environment or in .env)\n", run.err());
    }

    @Test
    void devRefusesAnUnansweredRenameWithTheFlagToPass() throws Exception {
        DatabaseUrl url = freshDatabase();
        schema(PERSON);
        Cli.Run first = migrate(url, "dev", "--name", "init");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("Wrote ") && first.out().contains("Applied it to "), first.toString());
        TestServer.execute(url, "INSERT INTO people (full_name, nick) VALUES ('Ada', 'ada')");

        schema(PERSON.replace("fullName String @map(\"full_name\")", "name String @map(\"display_name\")"));
        Cli.Run refused = migrate(url, "dev", "--name", "rename");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(
                refused.err().contains("answer with --rename Person.full_name=name to keep its data"),
                refused.toString());
        assertEquals(1, migrationFiles("V").size(), "nothing written");

        Cli.Run answered = migrate(url, "dev", "--name", "rename", "--rename", "Person.full_name=name");
        assertEquals(0, answered.exitCode(), answered.toString());
        String sql = Files.readString(migrationFiles("V").get(1));
        assertTrue(sql.contains("ALTER TABLE \"people\" RENAME COLUMN \"full_name\" TO \"display_name\";"), sql);

        schema(PERSON.replace("fullName String @map(\"full_name\")", "name String @map(\"display_name\")")
                .replace("  nick String?\n", ""));
        Cli.Run dataLoss = migrate(url, "dev", "--name", "drop_nick");
        assertEquals(1, dataLoss.exitCode(), dataLoss.toString());
        assertTrue(dataLoss.err().contains("run again with --accept-data-loss"), dataLoss.toString());
        Cli.Run accepted = migrate(url, "dev", "--name", "drop_nick", "--accept-data-loss");
        assertEquals(0, accepted.exitCode(), accepted.toString());

        Cli.Run again = migrate(url, "dev");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("Already in sync"), again.toString());
    }

    @Test
    void statusReportsEachStateWithItsExitCode() throws Exception {
        DatabaseUrl development = freshDatabase();
        schema(PERSON);
        assertEquals(0, migrate(development, "dev", "--name", "init").exitCode());
        Cli.Run clean = migrate(development, "status");
        assertEquals(0, clean.exitCode(), clean.toString());
        assertTrue(
                clean.out().contains("Applied (1):")
                        && clean.out().endsWith("The database is up to date with the migrations.\n"),
                clean.toString());

        DatabaseUrl production = freshDatabase();
        Cli.Run pending = migrate(production, "status");
        assertEquals(1, pending.exitCode(), pending.toString());
        assertTrue(pending.out().contains("Pending (1):\n  V") && pending.out().contains("init"), pending.toString());
        assertTrue(pending.out().endsWith("The database is not up to date (see above).\n"), pending.toString());

        Cli.Run deployed = migrate(production, "deploy");
        assertEquals(0, deployed.exitCode(), deployed.toString());
        assertTrue(deployed.out().contains("\nApplied 1 migration(s) to "), deployed.toString());
        Cli.Run twice = migrate(production, "deploy");
        assertTrue(twice.out().contains("\nNo pending migrations: "), twice.toString());

        TestServer.execute(production, "ALTER TABLE people ADD COLUMN age INTEGER");
        Cli.Run drift = migrate(production, "status");
        assertEquals(1, drift.exitCode(), drift.toString());
        assertTrue(
                drift.out()
                        .contains("Drift (the database differs from the migrations) (1):\n  ALTER TABLE "
                                + "\"people\" ADD COLUMN     " + "\"age\" INTEGER"),
                drift.toString());
        Cli.Run devOnDrift = migrate(production, "dev");
        assertEquals(1, devOnDrift.exitCode(), devOnDrift.toString());
        assertTrue(
                devOnDrift.err().contains("differs from what the migrations create")
                        && devOnDrift.err().contains("migrate reset"),
                devOnDrift.toString());

        Path init = migrationFiles("V").get(0);
        Files.writeString(init, Files.readString(init) + "-- edited\n");
        Cli.Run edited = migrate(development, "status");
        assertEquals(1, edited.exitCode(), edited.toString());
        assertTrue(
                edited.out().contains("Edited after being applied (1):")
                        && edited.out().contains("its checksum changed"),
                edited.toString());
        Cli.Run refusedDeploy = migrate(development, "deploy");
        assertEquals(1, refusedDeploy.exitCode(), refusedDeploy.toString());
        assertTrue(refusedDeploy.err().startsWith("error: refusing to deploy to "), refusedDeploy.toString());
    }

    @Test
    void aFailingMigrationIsOneSentenceAndAFailedOneShowsInStatus() throws Exception {
        DatabaseUrl url = freshDatabase();
        schema(PERSON);
        Files.createDirectories(migrations());
        Files.writeString(migrations().resolve("V1__people.sql"), "CREATE TABLE people (id INTEGER);\n");
        Files.writeString(
                migrations().resolve("V2__broken.sql"),
                "CREATE TABLE a (id INTEGER);\n\nCREATE TABLE b (id NO_SUCH_TYPE);\n");
        Cli.Run failedDeploy = migrate(url, "deploy");
        assertEquals(1, failedDeploy.exitCode(), failedDeploy.toString());
        assertEquals(
                "error: the migration V2__broken.sql failed at line 3: ERROR: type \"no_such_type\" does "
                        + "not "
                        + "exist; "
                        + "it was rolled back, nothing of it was applied; fix it and deploy again\n",
                failedDeploy.err().replaceAll("\n\\s+Position: \\d+", ""));
        Cli.Run pending = migrate(url, "status");
        assertEquals(1, pending.exitCode(), pending.toString());
        assertTrue(
                pending.out().contains("Applied (1):\n  V1 people\nPending (1):\n  V2 broken\n"), pending.toString());

        // Flyway on PostgreSQL rolls a failure back; tools and editions that run outside a transaction leave a
        // failed row.
        TestServer.execute(url, "UPDATE flyway_schema_history SET success = false WHERE version = '1'");
        Cli.Run failed = migrate(url, "status");
        assertEquals(1, failed.exitCode(), failed.toString());
        assertTrue(failed.out().contains("Failed (1):\n  V1 people"), failed.toString());
        Cli.Run refused = migrate(url, "deploy");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(
                refused.err().startsWith("error: refusing to deploy to ")
                        && refused.err().contains("V1 people"),
                refused.toString());
        assertNoStackTrace(refused);
    }

    @Test
    void resetNeedsConsentThenRecreatesAndSeeds() throws Exception {
        DatabaseUrl url = freshDatabase();
        schema(PERSON);
        assertEquals(0, migrate(url, "dev", "--name", "init").exitCode());
        TestServer.execute(url, "INSERT INTO people (full_name) VALUES ('Ada')");

        Cli.Run refused = migrate(url, "reset");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertEquals("error: migrate reset drops all data: confirm at a terminal or pass --force\n", refused.err());

        Path seed = project.resolve("seed.sql");
        Files.writeString(seed, "INSERT INTO people (full_name) VALUES ('Grace');\n");
        Cli.Run reset = migrate(url, "reset", "--force", "--seed", seed.toString());
        assertEquals(0, reset.exitCode(), reset.toString());
        assertTrue(
                reset.out().contains("and applied 1 migration(s).")
                        && reset.out().contains("Ran the seed"),
                reset.toString());
        assertEquals(List.of("Grace"), DbCommandTest.column(url, "SELECT full_name FROM people"));
        assertEquals(0, migrate(url, "status").exitCode());
    }
}
