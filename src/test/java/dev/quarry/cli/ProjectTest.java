package dev.quarry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.runtime.Environment;
import dev.quarry.schema.model.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Project discovery as Prisma's CLI does it, from a folder: each rule, its order, and what is refused. */
class ProjectTest {

    @TempDir
    Path dir;

    private Project discover() {
        return Project.discover(dir, Environment.current(), Optional.empty(), Optional.empty());
    }

    private void write(String path, String text) throws Exception {
        Files.createDirectories(dir.resolve(path).getParent());
        Files.writeString(dir.resolve(path), text);
    }

    @Test
    void aPrismaConfigNamesTheSchemaTheMigrationsAndTheDatabase() throws Exception {
        write("prisma.config.ts", """
                import "dotenv/config";
                import { defineConfig, env } from "prisma/config";
                // schema: "commented/out.prisma",
                /* migrations: { path: "not/this" } */
                export default defineConfig({
                  schema: "db/app.prisma",
                  migrations: {
                    path: "db/history", // Prisma's own folder
                    seed: "tsx db/seed.ts",
                  },
                  datasource: {
                    url: env<Env>("APP_DATABASE_URL"),
                    directUrl: process.env.DIRECT_URL,
                    shadowDatabaseUrl: 'postgresql://postgres@localhost:5432/shadow?schema=public',
                  },
                });
                """);
        write("prisma/schema.prisma", "// not read: the config names the schema\n");
        write("db/history/20240101120000_init/migration.sql", "SELECT 1;\n");

        Project project = discover();
        assertEquals(dir.resolve("db/app.prisma").toString(), project.schema());
        assertEquals(Project.Layout.PRISMA, project.layout());
        assertEquals(dir.resolve("db/history-flyway"), project.migrations());
        assertEquals(Optional.of(dir.resolve("db/history")), project.prismaHistory());
        PrismaConfig config = project.config().orElseThrow();
        assertEquals(Optional.of(new ConfigValue.Env("APP_DATABASE_URL")), config.url());
        assertEquals(Optional.of(new ConfigValue.Env("DIRECT_URL")), config.directUrl());
        assertEquals(
                Optional.of(new ConfigValue.Text("postgresql://postgres@localhost:5432/shadow?schema=public")),
                config.shadowDatabaseUrl());
        assertEquals(dir, project.root());

        Project given = Project.discover(
                dir, Environment.current(), Optional.of("prisma/schema.prisma"), Optional.of(dir.resolve("elsewhere")));
        assertEquals(dir.resolve("prisma/schema.prisma").toString(), given.schema());
        assertEquals("--schema", given.foundBy());
        assertEquals(dir.resolve("elsewhere"), given.migrations());
        assertEquals(
                Optional.of(new ConfigValue.Env("APP_DATABASE_URL")),
                given.config().orElseThrow().url(),
                "the config's datasource still applies");
    }

    @Test
    void anExpressionTheConfigComputesIsRefusedInOneSentence() throws Exception {
        write("prisma.config.mjs", "export default { schema: path.join('prisma', 'schema.prisma') };\n");
        UserError refused = assertThrows(UserError.class, this::discover);
        assertEquals(
                dir.resolve("prisma.config.mjs")
                        + " sets schema to `path.join('prisma'`, which Quarry cannot read without running Node; "
                        + "write a string literal or env(\"NAME\") there, or pass the value on the command line",
                refused.getMessage());
    }

    @Test
    void packageJsonThenPrismaFolderThenSchemaFolderThenJavaLayout() throws Exception {
        assertEquals(Project.Layout.PACKAGED, discover().layout());
        Project packaged =
                Project.discover(dir, Environment.current(), Optional.of("classpath:schema.prisma"), Optional.empty());
        assertEquals("classpath:schema.prisma", packaged.schema());
        assertEquals(Project.Layout.PACKAGED, packaged.layout());

        write("src/main/resources/schema.prisma", "");
        assertEquals(Project.Layout.JAVA, discover().layout());
        assertEquals(dir.resolve("src/main/resources/db/migration"), discover().migrations());
        assertEquals(Optional.empty(), discover().prismaHistory());

        write("prisma/schema/post.prisma", "");
        assertEquals(dir.resolve("prisma/schema").toString(), discover().schema());
        assertEquals(dir.resolve("prisma/schema/migrations-flyway"), discover().migrations());

        write("prisma/schema.prisma", "");
        assertEquals(dir.resolve("prisma/schema.prisma").toString(), discover().schema());
        assertEquals(dir.resolve("prisma/migrations-flyway"), discover().migrations());
        assertEquals(Optional.empty(), discover().prismaHistory(), "no Prisma migration yet");

        write(
                "package.json",
                "{\"name\": \"app\", \"prisma\": {\"schema\": \"database/schema.prisma\", \"seed\": \"node "
                        + "seed.js\"}}");
        assertEquals(
                dir.resolve("database/schema.prisma").toString(), discover().schema());
        assertTrue(
                discover().foundBy().endsWith("package.json#prisma.schema"),
                discover().foundBy());
        assertEquals(dir.resolve("database/migrations-flyway"), discover().migrations());
    }

    /**
     * The {@code .env} files Prisma's CLI loads: beside the nearest {@code package.json} (also from a folder below
     * it), then beside a schema the user named, else in {@code prisma/}, else in the folder; the root's value wins.
     */
    @Test
    void dotEnvBesideTheProjectAsPrismaReadsIt() throws Exception {
        write("app/package.json", "{\"name\": \"app\"}");
        write("app/.env", "QUARRY_TEST_ROOT_ONLY=root\nQUARRY_TEST_BOTH=\"root\"\n");
        write("app/prisma/schema.prisma", "");
        write("app/prisma/.env", "QUARRY_TEST_BOTH=prisma\nQUARRY_TEST_PRISMA_ONLY=prisma\n");
        write("app/db/schema.prisma", "");
        write("app/db/.env", "QUARRY_TEST_NAMED_ONLY=db\n");
        write("app/web/.env", "QUARRY_TEST_WEB_ONLY=web\n");

        Environment atRoot = Project.discover(
                        dir.resolve("app"), Environment.current(), Optional.empty(), Optional.empty())
                .environment();
        assertEquals(Optional.of("root"), atRoot.get("QUARRY_TEST_ROOT_ONLY"));
        assertEquals(Optional.of("root"), atRoot.get("QUARRY_TEST_BOTH"), "the root's .env wins");
        assertEquals(Optional.of("prisma"), atRoot.get("QUARRY_TEST_PRISMA_ONLY"));
        assertEquals(Optional.empty(), atRoot.get("QUARRY_TEST_NAMED_ONLY"), "db/ holds no schema in use");

        Environment named = Project.discover(
                        dir.resolve("app/web"),
                        Environment.current(),
                        Optional.of("../db/schema.prisma"),
                        Optional.empty())
                .environment();
        assertEquals(
                Optional.of("root"),
                named.get("QUARRY_TEST_ROOT_ONLY"),
                "the package.json above the folder is the project's root");
        assertEquals(Optional.of("db"), named.get("QUARRY_TEST_NAMED_ONLY"), "beside the schema given with --schema");
        assertEquals(
                Optional.empty(), named.get("QUARRY_TEST_WEB_ONLY"), "the schema's .env comes before the folder's");
        assertEquals(Optional.empty(), named.get("QUARRY_TEST_PRISMA_ONLY"));
    }
}
