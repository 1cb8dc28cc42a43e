package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher at the repository's root, called by its absolute path from folders that have nothing to do with
 * Quarry, in each layout a project can have: Prisma's single file, Prisma's {@code prisma/schema/} folder, a {@code
 * prisma.config.ts} with its own paths and an {@code env()} URL, {@code package.json#prisma.schema}, and a Java
 * project. In the Prisma layouts the database is the one Prisma Migrate made (its SQL applied, its {@code
 * _prisma_migrations} rows written as Prisma writes them); Quarry takes it over without a file copied or edited.
 */
class AdoptPrismaProjectIT {

    static final String PRISMA_SCHEMA = """
            generator client {
              provider = "prisma-client"
              output   = "../generated/prisma"
            }

            datasource db {
              provider = "postgresql"
            }

            model Author {
              id    Int    @id @default(autoincrement())
              name  String
              posts Post[]
            }

            model Post {
              id       Int    @id @default(autoincrement())
              title    String
              authorId Int
              author   Author @relation(fields: [authorId], references: [id])
            }
            """;

    /** What {@code prisma migrate dev --name init} writes for {@link #PRISMA_SCHEMA}. */
    static final String PRISMA_INIT = """
            -- CreateTable
            CREATE TABLE "Author" (
                "id" SERIAL NOT NULL,
                "name" TEXT NOT NULL,

                CONSTRAINT "Author_pkey" PRIMARY KEY ("id")
            );

            -- CreateTable
            CREATE TABLE "Post" (
                "id" SERIAL NOT NULL,
                "title" TEXT NOT NULL,
                "authorId" INTEGER NOT NULL,

                CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
            );

            -- AddForeignKey
            ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") \
            REFERENCES "Author"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
            """;

    private static final String PRISMA_HISTORY =
            "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) "
                    + "NOT NULL, "
                    + "finished_at TIMESTAMPTZ, migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at "
                    + "TIMESTAMPTZ, started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT "
                    + "NULL DEFAULT 0)";
    private static final String MIGRATION = "20250101120000_init";

    @TempDir
    Path project;

    private final List<DatabaseUrl> databases = new ArrayList<>();
    private LauncherRuns launcher;

    /**
     * One layout: where its files are, and what Quarry should find there.
     *
     * @param files the project's files, by path
     * @param schema the schema as the commands print it
     * @param flyway where Quarry's migrations go
     * @param urlVariable the variable the database URL is read from
     * @param dotEnv whether the URL comes from {@code .env} beside the project rather than the environment
     */
    record Layout(
            String name,
            Map<String, String> files,
            String schema,
            String flyway,
            String urlVariable,
            boolean dotEnv,
            boolean prismaMade) {}

    @Test
    void aSingleSchemaFile() throws Exception {
        adopt(new Layout(
                "single file",
                Map.of(
                        "prisma/schema.prisma",
                        PRISMA_SCHEMA,
                        "prisma/migrations/" + MIGRATION + "/migration.sql",
                        PRISMA_INIT,
                        "prisma/migrations/migration_lock.toml",
                        "provider = \"postgresql\"\n"),
                "prisma/schema.prisma",
                "prisma/migrations-flyway",
                "DATABASE_URL",
                true,
                true));
    }

    @Test
    void aSchemaFolder() throws Exception {
        String[] parts = PRISMA_SCHEMA.split("(?=model Post)");
        adopt(new Layout(
                "prisma/schema/ folder",
                Map.of(
                        "prisma/schema/schema.prisma",
                        parts[0],
                        "prisma/schema/post.prisma",
                        parts[1],
                        "prisma/schema/migrations/" + MIGRATION + "/migration.sql",
                        PRISMA_INIT),
                "prisma/schema",
                "prisma/schema/migrations-flyway",
                "DATABASE_URL",
                false,
                true));
    }

    @Test
    void aPrismaConfigWithItsOwnPathsAndAnEnvUrl() throws Exception {
        String config = """
                import "dotenv/config";
                import { defineConfig, env } from "prisma/config";

                export default defineConfig({
                  schema: "db/app.prisma",
                  migrations: {
                    path: "db/history",
                  },
                  datasource: {
                    url: env("APP_DATABASE_URL"),
                  },
                });
                """;
        adopt(new Layout(
                "prisma.config.ts",
                Map.of(
                        "prisma.config.ts",
                        config,
                        "db/app.prisma",
                        PRISMA_SCHEMA,
                        "db/history/" + MIGRATION + "/migration.sql",
                        PRISMA_INIT),
                "db/app.prisma",
                "db/history-flyway",
                "APP_DATABASE_URL",
                true,
                true));
    }

    @Test
    void aPackageJsonNamingTheSchema() throws Exception {
        adopt(new Layout(
                "package.json#prisma.schema",
                Map.of(
                        "package.json",
                        "{\"name\": \"app\", \"prisma\": {\"schema\": \"database/schema.prisma\"}}",
                        "database/schema.prisma",
                        PRISMA_SCHEMA,
                        "database/migrations/" + MIGRATION + "/migration.sql",
                        PRISMA_INIT),
                "database/schema.prisma",
                "database/migrations-flyway",
                "DATABASE_URL",
                false,
                true));
    }

    @Test
    void aJavaProject() throws Exception {
        String schema = PRISMA_SCHEMA
                .replaceAll("(?s)generator client \\{.*?}\\n\\n", "")
                .replace(
                        "provider = \"postgresql\"\n",
                        "provider = \"postgresql\"\n  url      = env(\"DATABASE_URL\")\n");
        adopt(new Layout(
                "Java",
                Map.of("src/main/resources/schema.prisma", schema),
                "src/main/resources/schema.prisma",
                "src/main/resources/db/migration",
                "DATABASE_URL",
                false,
                false));
    }

    /**
     * The layout {@code ./mvnw package -Pdist} archives (the launcher beside {@code quarkus-app/}, no {@code
     * pom.xml}), called through a symbolic link on the {@code PATH}, as {@code prisma} is; a user mistake is one
     * sentence.
     */
    @Test
    void theDistributionOnThePath() throws Exception {
        LauncherRuns.requirePackage();
        Path home = Files.createDirectories(project.resolve("opt/quarry-1.0"));
        Files.copy(LauncherRuns.LAUNCHER, home.resolve("quarry"));
        home.resolve("quarry").toFile().setExecutable(true);
        Files.createSymbolicLink(
                home.resolve("quarkus-app"), LauncherRuns.JAR.toAbsolutePath().getParent());
        Path bin = Files.createDirectories(project.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("quarry"), home.resolve("quarry"));
        Path app = Files.createDirectories(project.resolve("app/prisma")).getParent();
        Files.writeString(app.resolve("prisma/schema.prisma"), PRISMA_SCHEMA);

        LauncherRuns.Run valid = onPath(bin, app, "quarry validate");
        assertEquals(0, valid.exit(), valid.toString());
        assertTrue(valid.out().startsWith("The schema at prisma/schema.prisma is valid"), valid.toString());
        LauncherRuns.Run missing = onPath(bin, app, "quarry validate --schema prisma/missing.prisma");
        assertEquals(1, missing.exit(), missing.toString());
        assertEquals("error: the schema prisma/missing.prisma does not exist\n", missing.err());
    }

    /**
     * README's container line, {@code docker run --rm -v "$PWD:/project" -w /project -e DATABASE_URL IMAGE migrate
     * README's container line, {@code docker run --rm -v "$PWD:/project" -w /project -e DATABASE_URL IMAGE migrate
     * status}, without a container runtime: the image's entrypoint as the {@code image} profile of pom.xml sets it,
     * with {@code /deployments} being the packaged service, run in the project's folder with only {@code
     * DATABASE_URL} set.
     */
    @Test
    void theContainerImageInAProjectFolder() throws Exception {
        LauncherRuns.requirePackage();
        Matcher entrypoint = Pattern.compile("<quarkus.jib.jvm-entrypoint>([^<]+)</quarkus.jib.jvm-entrypoint>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(entrypoint.find(), "the image profile sets the entrypoint");
        String deployments = LauncherRuns.JAR.toAbsolutePath().getParent().toString();
        List<String> command = new ArrayList<>();
        for (String part : entrypoint.group(1).split(",")) {
            command.add(part.replace("/deployments", deployments));
        }
        command.addAll(List.of("migrate", "status"));
        Files.createDirectories(project.resolve("prisma/migrations/" + MIGRATION));
        Files.writeString(project.resolve("prisma/schema.prisma"), PRISMA_SCHEMA);
        Files.writeString(project.resolve("prisma/migrations/" + MIGRATION + "/migration.sql"), PRISMA_INIT);
        DatabaseUrl database = TestServer.createDatabase("adopt_image");
        databases.add(database);
        migrateAsPrisma(database, MIGRATION, PRISMA_INIT);

        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().put("DATABASE_URL", database.toPrismaUrl());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        LauncherRuns.Run status = new LauncherRuns.Run(process.exitValue(), out, err);
        assertEquals(0, status.exit(), status.toString());
        assertTrue(out.contains("Schema: prisma/schema.prisma ("), status.toString());
        assertTrue(out.contains("Migrations: prisma/migrations-flyway, after Prisma's history in "), status.toString());
        assertTrue(out.contains("Database: postgresql://postgres@"), status.toString());
    }

    private LauncherRuns.Run onPath(Path bin, Path directory, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(directory.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command);
        return new LauncherRuns.Run(process.exitValue(), out, err);
    }

    private void adopt(Layout layout) throws Exception {
        LauncherRuns.requirePackage();
        launcher = new LauncherRuns(project);
        long start = System.nanoTime();
        for (Map.Entry<String, String> file : layout.files().entrySet()) {
            Files.createDirectories(project.resolve(file.getKey()).getParent());
            Files.writeString(project.resolve(file.getKey()), file.getValue());
        }
        DatabaseUrl database = TestServer.createDatabase("adopt");
        databases.add(database);
        // trust authentication takes any password: one that must never be printed
        String url = database.toPrismaUrl().replace("://postgres@", "://postgres:s3cret@");
        Map<String, String> environment = new LinkedHashMap<>();
        if (layout.dotEnv()) {
            Files.writeString(project.resolve(".env"), layout.urlVariable() + "=\"" + url + "\"\n");
        } else {
            environment.put(layout.urlVariable(), url);
        }
        if (layout.prismaMade()) {
            migrateAsPrisma(database, MIGRATION, PRISMA_INIT);
        }
        Map<String, String> prismaFiles = snapshot(layout);

        LauncherRuns.Run validate = quarry(environment, "validate");
        assertEquals(0, validate.exit(), validate.toString());
        assertTrue(validate.out().contains("The schema at " + layout.schema() + " is valid"), validate.toString());

        LauncherRuns.Run format = quarry(environment, "format");
        assertEquals(0, format.exit(), format.toString());
        LauncherRuns.Run formatted = quarry(environment, "format", "--check");
        assertEquals(0, formatted.exit(), formatted.toString());
        assertTrue(
                formatted.out().contains("The schema at " + layout.schema() + " is formatted."), formatted.toString());

        if (layout.prismaMade()) {
            LauncherRuns.Run taken = quarry(environment, "migrate", "status");
            assertEquals(0, taken.exit(), taken.toString());
            assertTrue(taken.out().contains("Schema: " + layout.schema() + " ("), taken.toString());
            assertTrue(
                    taken.out().contains("Migrations: " + layout.flyway() + ", after Prisma's history in "),
                    taken.toString());
            assertTrue(taken.out().contains("Database: postgresql://postgres:****@"), taken.toString());
            assertFalse(taken.out().contains("s3cret") || taken.err().contains("s3cret"), taken.toString());

            LauncherRuns.Run deployed = quarry(environment, "migrate", "deploy");
            assertEquals(0, deployed.exit(), deployed.toString());
        }

        Files.writeString(
                project.resolve(schemaFileOfAuthor(layout)),
                Files.readString(project.resolve(schemaFileOfAuthor(layout)))
                        .replace("  name  String\n", "  name  String\n  email String?\n"));
        LauncherRuns.Run dev = quarry(environment, "migrate", "dev", "--name", "add email");
        assertEquals(0, dev.exit(), dev.toString());
        List<String> written = list(project.resolve(layout.flyway()));
        assertTrue(written.stream().anyMatch(f -> f.matches("V\\d{14}__add_email\\.sql")), written + "\n" + dev);
        assertEquals(prismaFiles, snapshot(layout), "Prisma's migrations are read as they are, never copied or edited");

        LauncherRuns.Run status = quarry(environment, "migrate", "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("The database is up to date with the migrations."), status.toString());
        LauncherRuns.Run again = quarry(environment, "migrate", "deploy");
        assertEquals(0, again.exit(), again.toString());

        LauncherRuns.Run generate = quarry(environment, "generate");
        assertEquals(0, generate.exit(), generate.toString());
        assertTrue(Files.isRegularFile(project.resolve("openapi/openapi.yaml")), generate.toString());
        assertEquals(
                !layout.prismaMade(),
                Files.isDirectory(project.resolve("src/main/java")),
                "Java entities only in a Java project\n" + generate);

        TestServer.execute(
                database,
                "INSERT INTO \"Author\" (name) VALUES ('Ada'); INSERT INTO \"Post\" (title, \"authorId\") "
                        + "VALUES "
                        + "('Notes', 1)");
        launcher.serve(environment);
        HttpResponse<String> authors = launcher.get("/api/authors");
        HttpResponse<String> posts = launcher.get("/api/posts");
        assertEquals(200, authors.statusCode(), authors.body());
        assertEquals(
                "[{\"id\":1,\"name\":\"Ada\",\"email\":null}]", authors.body().replace(" ", ""));
        assertEquals(
                "[{\"id\":1,\"title\":\"Notes\",\"authorId\":1}]", posts.body().replace(" ", ""));
        launcher.stopServer();

        LauncherRuns.Run pull = quarry(environment, "db", "pull");
        assertEquals(0, pull.exit(), pull.toString());
        String pulled = Files.readString(project.resolve(schemaFileOfAuthor(layout)));
        assertTrue(
                pulled.contains("model Author") && pulled.contains("email") && !pulled.contains("_prisma_migrations"),
                pulled);
        assertEquals(layout.prismaMade(), pulled.contains("generator client {"), "the generator kept\n" + pulled);
        if (!layout.schema().endsWith(".prisma")) {
            String post = Files.readString(project.resolve(layout.schema() + "/post.prisma"));
            assertTrue(
                    post.startsWith("model Post {") && !pulled.contains("model Post"),
                    "each model stays in its file\n" + pulled + "\n" + post);
        }
        System.out.printf(
                "[adopt] %s: %d ms, %s%n", layout.name(), (System.nanoTime() - start) / 1_000_000, launcher.timings());
    }

    private static String schemaFileOfAuthor(Layout layout) {
        return layout.schema().endsWith(".prisma") ? layout.schema() : layout.schema() + "/schema.prisma";
    }

    /**
     * A database as {@code prisma migrate deploy} leaves it after applying {@code sql} as the migration {@code
     * name}.
     */
    static void migrateAsPrisma(DatabaseUrl database, String name, String sql) throws Exception {
        TestServer.execute(database, PRISMA_HISTORY);
        TestServer.execute(database, sql);
        String checksum = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
        TestServer.execute(
                database,
                "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, "
                        + "applied_steps_count) "
                        + "VALUES ('"
                        + UUID.randomUUID() + "', '" + checksum + "', now(), '" + name + "', 1)");
    }

    /** Prisma's migration files of the layout, by path, with their text. */
    private Map<String, String> snapshot(Layout layout) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String path : layout.files().keySet()) {
            if (path.contains("/migrations/") || path.contains("/history/")) {
                files.put(path, Files.readString(project.resolve(path)));
            }
        }
        return files;
    }

    private static List<String> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private LauncherRuns.Run quarry(Map<String, String> environment, String... args) throws Exception {
        return launcher.run(environment, args);
    }

    @AfterEach
    void stop() throws Exception {
        if (launcher != null) {
            launcher.close();
        }
        databases.forEach(TestServer::dropDatabase);
    }
}
