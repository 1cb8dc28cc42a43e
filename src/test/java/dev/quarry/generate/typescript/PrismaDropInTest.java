package dev.quarry.generate.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drop-in: the seed's query (src/test/drop-in/src/query.ts), written once, compiles under {@code tsc --strict}
 * beside a db.ts that makes Quarry's generated client and beside one that makes Prisma Client 7 (generated for the
 * example schema, pg adapter); run on the same database, both print the same JSON.
 */
@QuarkusTest
@WithTestResource(value = FreshDatabase.class, initArgs = @ResourceArg(name = "purpose", value = "PrismaDropInTest"))
class PrismaDropInTest {

    static final Path SOURCE = Path.of("src/test/drop-in");
    static final Path COPY = Path.of("target/drop-in");
    static final Path SCHEMA = Path.of("src/main/resources/schema.prisma");

    /**
     * Prisma 7's generator for ESM TypeScript, in place of the example schema's prisma-client-js; the url goes
     * (Prisma 7 refuses it).
     */
    static final String PRISMA_GENERATOR = """
            generator client {
              provider            = "prisma-client"
              output              = "./generated"
              moduleFormat        = "esm"
              importFileExtension = "js"
            }""";

    @TestHTTPResource("/")
    URI base;

    @Test
    void theSeedsQueryGivesPrismaClientsAnswer() throws Exception {
        TypedClientProject.requireNode();
        seed();
        Path project = build();
        Map<String, String> env = Map.of(
                "BASE_URL",
                base.toString().replaceAll("/$", ""),
                "DATABASE_URL",
                FreshDatabase.current().toPrismaUrl());

        long started = System.nanoTime();
        String quarry = TypedClientProject.output(project, env, "node", "quarry/query.js");
        String prisma = TypedClientProject.output(project, env, "node", "prisma/query.js");
        System.out.printf(
                "[drop-in] both runs in %d ms%nQuarry: %sPrisma: %s",
                (System.nanoTime() - started) / 1_000_000, quarry, prisma);

        JsonNode quarryJson = new ObjectMapper().readTree(quarry);
        JsonNode prismaJson = new ObjectMapper().readTree(prisma);
        assertEquals(3, prismaJson.size(), "the three active users: " + prisma);
        assertEquals(
                "2026-03-01T10:00:00.123Z", prismaJson.get(0).get("createdAt").asText(), "newest first, dates as ISO");
        assertEquals(2, prismaJson.get(0).get("posts").size());
        assertTrue(prismaJson.get(1).get("name").isNull());
        assertEquals(prismaJson, quarryJson, "Quarry's client and Prisma Client 7 answer the same");
    }

    /**
     * Rows with distinct times (millisecond precision, as DateTime maps), a null name, an inactive user, one
     * without posts.
     */
    private static void seed() {
        TestServer.execute(FreshDatabase.current(), """
                INSERT INTO "User" (id, email, name, active, "createdAt", "updatedAt") VALUES
                  ('u1', 'ada@example.com', 'Ada', true, '2026-03-01 10:00:00.123', '2026-03-02 08:00:00'),
                  ('u2', 'bob@example.com', NULL, true, '2026-02-01 09:30:00.5', '2026-02-01 09:30:00.5'),
                  ('u3', 'cy@example.com', 'Cy', false, '2026-04-01 00:00:00', '2026-04-01 00:00:00'),
                  ('u4', 'di@example.com', 'Di', true, '2025-12-31 23:59:59.999', '2026-01-01 00:00:00');
                INSERT INTO "Post" (id, title, body, published, "authorId", "createdAt") VALUES
                  ('p1', 'Hello', 'first words', true, 'u1', '2026-03-01 10:05:00'),
                  ('p2', 'Draft', 'not yet', false, 'u1', '2026-03-03 11:00:00'),
                  ('p3', 'Bob''s', 'quoted', false, 'u2', '2026-02-02 00:00:00'),
                  ('p4', 'Hidden', 'by an inactive author', true, 'u3', '2026-04-02 00:00:00');
                """);
    }

    /**
     * target/drop-in: the project, the committed blog client as clients/blog, query.ts beside each db.ts, and
     * Prisma Client generated (again only when the rewritten schema changed); then one strict tsc over both sides.
     */
    private static Path build() throws Exception {
        TypedClientProject.copyTree(SOURCE, COPY);
        TypedClientProject.copyTree(TypedClientProject.BLOG_CLIENT, COPY.resolve("clients/blog"));
        for (String side : new String[] {"quarry", "prisma"}) {
            Files.copy(
                    COPY.resolve("src/query.ts"),
                    COPY.resolve(side).resolve("query.ts"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        TypedClientProject.install(COPY);
        String schema = Files.readString(SCHEMA)
                .replaceAll("(?ms)^generator client \\{.*?^\\}", PRISMA_GENERATOR)
                .replaceAll("(?m)^\\s*url\\s*=.*\\n", "");
        Path prismaSchema = COPY.resolve("prisma/schema.prisma");
        if (!Files.isRegularFile(COPY.resolve("prisma/generated/client.ts"))
                || !Files.isRegularFile(prismaSchema)
                || !Files.readString(prismaSchema).equals(schema)) {
            Files.writeString(prismaSchema, schema);
            // every prisma command first tries to download the native schema engine; generate needs only the
            // bundled wasm
            Map<String, String> offline = Map.of(
                    "PRISMA_SCHEMA_ENGINE_BINARY",
                    "/bin/true",
                    "PRISMA_HIDE_UPDATE_MESSAGE",
                    "1",
                    "CHECKPOINT_DISABLE",
                    "1");
            assertEquals(
                    0,
                    TypedClientProject.run(
                            COPY, offline, "npx", "prisma", "generate", "--schema", "prisma/schema.prisma"),
                    "prisma generate");
        }
        assertEquals(
                0, TypedClientProject.run(COPY, Map.of(), "npx", "tsc", "-p", "."), "tsc --strict over both sides");
        return COPY;
    }
}
