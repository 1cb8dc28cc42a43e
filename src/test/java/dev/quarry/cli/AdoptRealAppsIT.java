package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.api.RouteNames;
import dev.quarry.migrate.CatalogDump;
import dev.quarry.migrate.CorpusRoundTripTest;
import dev.quarry.migrate.PrismaCatalogIdentityTest;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Model;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adoption of real apps: documenso's and cal.com's schemas from the corpus, each in a folder laid out as its Prisma
 * project (the schema, Prisma's {@code prisma/migrations} history; documenso's URL named by a {@code
 * prisma.config.ts} and set in {@code .env}, cal.com's {@code DATABASE_URL} in {@code prisma/.env}, which Prisma's
 * CLI also reads), over a database made by Prisma 7's own migration SQL (its schema engine's from-empty script,
 * applied and recorded in {@code _prisma_migrations} as {@code prisma migrate deploy} does). From that folder, the
 * launcher: {@code migrate status} is clean, {@code serve} answers {@code findMany} on every model, and after a
 * schema change {@code migrate dev} writes a Flyway migration that leaves the catalog ({@code pg_dump
 * --schema-only}) Prisma's from-empty script gives for the changed schema.
 */
class AdoptRealAppsIT {

    private static final String INIT = "20250101000000_init";

    /**
     * A new enum, a new model related to {@code User} and a new optional column of {@code User}: what a next
     * feature adds.
     */
    private static final String NEW_MODEL = """

            enum AdoptionNoteKind {
              TODO
              DONE
            }

            model AdoptionNote {
              id        Int              @id @default(autoincrement())
              body      String
              kind      AdoptionNoteKind @default(TODO)
              createdAt DateTime         @default(now())
              userId    Int
              user      User             @relation(fields: [userId], references: [id], onDelete: Cascade)

              @@index([userId, createdAt])
            }
            """;

    /**
     * One app.
     *
     * @param corpusFile its schema in the corpus
     * @param urlVariable the variable its database URL is read from
     * @param dotEnv the {@code .env} file that sets it
     * @param config its {@code prisma.config.ts}, if it has one
     * @param prelude what its first migration runs before Prisma's script: an extension its indexes use that the
     * schema
     *     does not declare, added by hand as Prisma's documentation advises
     */
    record App(
            String name,
            String corpusFile,
            String urlVariable,
            String dotEnv,
            Optional<String> config,
            String prelude) {

        /**
         * The schema as a Prisma 7 project keeps it: the URLs are in the config or the environment, not in the
         * datasource.
         */
        String schema() throws IOException {
            return Files.readString(CorpusRoundTripTest.corpus().resolve("real").resolve(corpusFile))
                    .replaceAll("(?m)^\\s*(url|directUrl|shadowDatabaseUrl)\\s*=.*\\n", "");
        }

        /**
         * {@link #schema()} with {@link #NEW_MODEL} and, at the end of {@code User}'s fields, {@code nickname} and
         * the relation's other side.
         */
        String changedSchema() throws IOException {
            String schema = schema();
            int user = schema.indexOf("\nmodel User {");
            int end = schema.indexOf("\n}", user);
            int attributes = schema.indexOf("\n  @@", user);
            int at = attributes > 0 && attributes < end ? attributes : end;
            return schema.substring(0, at) + "\n  nickname      String?\n  adoptionNotes AdoptionNote[]"
                    + schema.substring(at) + NEW_MODEL;
        }
    }

    static final App DOCUMENSO = new App(
            "documenso",
            "documenso__documenso__packages__prisma__schema.prisma",
            "NEXT_PRIVATE_DATABASE_URL",
            ".env",
            Optional.of("""
            import "dotenv/config";
            import { defineConfig, env } from "prisma/config";

            export default defineConfig({
              schema: "prisma/schema.prisma",
              migrations: {
                path: "prisma/migrations",
              },
              datasource: {
                url: env("NEXT_PRIVATE_DATABASE_URL"),
              },
            });
            """),
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n\n");
    static final App CALCOM = new App(
            "cal.com",
            "calcom__cal.com__packages__prisma__schema.prisma",
            "DATABASE_URL",
            "prisma/.env",
            Optional.empty(),
            "");

    /**
     * Prisma 7's from-empty scripts, by app name: of the schema, and of the changed schema ({@code name + "'"}).
     */
    private static final Map<String, String> PRISMA_SCRIPTS = new LinkedHashMap<>();

    @TempDir
    Path project;

    private final List<DatabaseUrl> databases = new ArrayList<>();
    private LauncherRuns launcher;

    @BeforeAll
    static void prismaScripts() throws Exception {
        LauncherRuns.requirePackage();
        Path oracle = PrismaCatalogIdentityTest.prismaOracle();
        Path inputs = Files.createTempDirectory("quarry-adopt-real");
        List<String> names = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (App app : List.of(DOCUMENSO, CALCOM)) {
            for (String name : List.of(app.name(), app.name() + "'")) {
                Path file = inputs.resolve(names.size() + ".prisma");
                Files.writeString(file, name.endsWith("'") ? app.changedSchema() : app.schema());
                names.add(name);
                files.add(file.toString());
            }
        }
        Files.write(inputs.resolve("list.txt"), files);
        DatabaseUrl scratch = TestServer.createDatabase("adopt_real_oracle");
        try {
            PrismaCatalogIdentityTest.runPrisma(oracle, inputs.resolve("list.txt"), inputs, scratch);
        } finally {
            TestServer.dropDatabase(scratch);
        }
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Path script = inputs.resolve(i + ".sql");
            Path error = inputs.resolve(i + ".err");
            assertTrue(Files.isRegularFile(script), () -> name + ": Prisma wrote no script: " + read(error));
            PRISMA_SCRIPTS.put(name, Files.readString(script));
        }
    }

    @Test
    void documenso() throws Exception {
        adopt(DOCUMENSO);
    }

    @Test
    void calCom() throws Exception {
        adopt(CALCOM);
    }

    private void adopt(App app) throws Exception {
        long start = System.nanoTime();
        launcher = new LauncherRuns(project);
        String prismaInit = app.prelude() + PRISMA_SCRIPTS.get(app.name());
        write("prisma/schema.prisma", app.schema());
        write("prisma/migrations/" + INIT + "/migration.sql", prismaInit);
        write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n");
        if (app.config().isPresent()) {
            write("prisma.config.ts", app.config().get());
        }
        DatabaseUrl database = TestServer.createDatabase("adopt_real");
        databases.add(database);
        write(app.dotEnv(), app.urlVariable() + "=\"" + database.toPrismaUrl() + "\"\n");
        AdoptPrismaProjectIT.migrateAsPrisma(database, INIT, prismaInit);

        LauncherRuns.Run status = launcher.run(Map.of(), "migrate", "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(
                status.out()
                        .contains("Schema: prisma/schema.prisma ("
                                + (app.config().isPresent() ? "prisma.config.ts" : "the default locations") + ")"),
                status.toString());
        assertTrue(status.out().contains("The database is up to date with the migrations."), status.toString());

        List<Model> models = PrismaSchema.parse("schema.prisma", app.schema()).schema().orElseThrow().models().stream()
                .filter(m -> !m.view() && !m.ignored())
                .toList();
        launcher.serve(Map.of());
        List<String> failures = new ArrayList<>();
        for (Model model : models) {
            HttpResponse<String> found =
                    launcher.post("/api/rpc/" + RouteNames.delegate(model.name()) + "/findMany", "{}");
            if (found.statusCode() != 200 || !found.body().strip().equals("[]")) {
                failures.add(model.name() + ": " + found.statusCode() + " " + found.body());
            }
        }
        launcher.stopServer();
        assertEquals(List.of(), failures, "findMany on every model of " + app.name());

        write("prisma/schema.prisma", app.changedSchema());
        LauncherRuns.Run dev = launcher.run(Map.of(), "migrate", "dev", "--name", "adoption notes");
        assertEquals(0, dev.exit(), dev.toString());
        try (Stream<Path> flyway = Files.list(project.resolve("prisma/migrations-flyway"))) {
            List<String> written = flyway.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith("V"))
                    .toList();
            assertEquals(1, written.size(), written.toString());
            assertTrue(written.get(0).matches("V\\d{14}__adoption_notes\\.sql"), written.toString());
        }
        assertEquals(
                prismaInit,
                Files.readString(project.resolve("prisma/migrations/" + INIT + "/migration.sql")),
                "Prisma's history is left as it is");
        LauncherRuns.Run after = launcher.run(Map.of(), "migrate", "status");
        assertEquals(0, after.exit(), after.toString());
        assertTrue(after.out().contains("The database is up to date with the migrations."), after.toString());

        DatabaseUrl prismaMade = TestServer.createDatabase("adopt_real_prisma");
        databases.add(prismaMade);
        TestServer.execute(prismaMade, app.prelude() + PRISMA_SCRIPTS.get(app.name() + "'"));
        TestServer.execute(database, "DROP TABLE _prisma_migrations; DROP TABLE flyway_schema_history");
        CatalogDump dump = new CatalogDump(
                Tools.find("pg_dump").orElseThrow(() -> new IllegalStateException("pg_dump is not installed")),
                database);
        assertEquals(
                dump.of(prismaMade),
                dump.of(database),
                "the catalog after Quarry's migration is the one Prisma's script gives for the changed " + "schema");
        System.out.printf(
                "[adopt-real] %s: %d models served, %d ms, %s%n",
                app.name(), models.size(), (System.nanoTime() - start) / 1_000_000, launcher.timings());
    }

    private void write(String path, String text) throws IOException {
        Files.createDirectories(project.resolve(path).getParent());
        Files.writeString(project.resolve(path), text);
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "(no error recorded)";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
        databases.forEach(TestServer::dropDatabase);
    }
}
