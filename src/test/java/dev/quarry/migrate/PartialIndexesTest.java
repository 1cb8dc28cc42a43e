package dev.quarry.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.pull.SchemaWriter;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.format.SchemaFormatter;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Partial indexes (preview feature {@code partialIndexes}): the engines-extra fixtures of prisma-engines, the SQL
 * Prisma writes for them, and on a real database a partial unique index that holds among live rows only, described
 * back so that a second diff and a pulled schema find nothing to do.
 */
class PartialIndexesTest {

    private static final Path EXTRA = CorpusRoundTripTest.corpus().resolve("engines-extra");
    private static final String PREFIX = "prisma__prisma-engines__psl__psl__tests__";

    private static String fixture(String name) throws Exception {
        return Files.readString(EXTRA.resolve(PREFIX + name + ".prisma"));
    }

    @Test
    void reformatterPairIsByteIdentical() throws Exception {
        String formatted =
                SchemaFormatter.format(fixture("reformatter__partial_index")).orElseThrow();
        assertEquals(fixture("reformatter__partial_index.reformatted"), formatted);
        assertEquals(formatted, SchemaFormatter.format(formatted).orElseThrow());
    }

    private static final String EITHER =
            "The `where` argument must be either a raw() function call or an object literal, "
                    + "e.g. `where: raw(\"status = 'active'\")` or `where: { active: true }`.";

    /**
     * The validation fixtures come from prisma-engines' first design, {@code where: "…"}, which Prisma 7 dropped
     * for
     * {@code raw("…")}: Prisma 7.10.1's {@code prisma validate} rejects all four PostgreSQL ones, with the errors
     * asserted here (recorded from it).
     */
    @Test
    void validationFixturesAreRejectedAsPrisma7RejectsThem() throws Exception {
        assertRejected(
                "postgresql_basic",
                "17: Expected a function value, but received string value `\"isActive = true\"`.",
                "17: Error parsing attribute \"@index\": " + EITHER,
                "18: Expected a function value, but received string value `\"name IS NOT NULL\"`.",
                "18: Error parsing attribute \"@unique\": " + EITHER);
        assertRejected(
                "empty_where_clause",
                "16: Expected a function value, but received string value `\"\"`.",
                "16: Error parsing attribute \"@index\": " + EITHER);
        assertRejected(
                "empty_where_clause_unique",
                "16: Expected a function value, but received string value `\"\"`.",
                "16: Error parsing attribute \"@unique\": " + EITHER);
        assertRejected(
                "no_preview_feature",
                "15: Expected a function value, but received string value `\"isActive = true\"`.",
                "15: Error parsing attribute \"@index\": " + EITHER);
    }

    private static void assertRejected(String name, String... errors) throws Exception {
        SchemaResult result =
                PrismaSchema.parse("schema.prisma", fixture("validation__preview_features__partial_indexes__" + name));
        assertEquals(
                List.of(errors),
                result.errors().stream()
                        .map(d -> d.span().line() + ": " + d.message())
                        .toList(),
                name);
    }

    @Test
    void thePreviewFeatureIsRequired() {
        String withoutFeature = schema("@@index([email], where: raw(\"score > 0\"))")
                .replace("previewFeatures = [\"partialIndexes\"]", "");
        assertEquals(
                List.of("Error parsing attribute \"@@index\": Partial indexes are a preview feature. Add "
                        + "\"partialIndexes\" to previewFeatures in your generator block."),
                PrismaSchema.parse("schema.prisma", withoutFeature).errors().stream()
                        .map(d -> d.message())
                        .toList());
    }

    /** Each message as Prisma 7.10.1's {@code prisma validate} gives it for the same attribute. */
    @Test
    void objectFormsAreCheckedAgainstTheModel() {
        assertEquals(
                List.of("Error parsing attribute \"@index\": Unknown key 'gt' in nested where clause "
                        + "object. Only 'not' is " + "supported."),
                errors("@@index([email], where: { score: { gt: 3 } })"));
        assertEquals(
                List.of("Error parsing attribute \"@index\": Field 'nope' does not exist in model 'User'."),
                errors("@@index([email], where: { nope: null })"));
        assertEquals(
                List.of("Error parsing attribute \"@index\": Type mismatch: field 'deletedAt' is of type "
                        + "DateTime, but the " + "value is a Number."),
                errors("@@index([email], where: { deletedAt: 1 })"));
        assertEquals(
                List.of("Error parsing attribute \"@index\": The `where` argument cannot contain an empty string."),
                errors("@@index([email], where: raw(\"\"))"));
        assertEquals(
                List.of("Error parsing attribute \"@index\": The `where` argument cannot be an empty object."),
                errors("@@index([email], where: {})"));
        assertEquals(
                List.of("Error parsing attribute \"@index\": Nested object in where clause must have "
                        + "exactly one key. Use " + "`{ not: null }` or `{ not: \"value\" }`."),
                errors("@@index([email], where: { score: { not: 1, not: 2 } })"));
        assertEquals(
                List.of(
                        "Expected a string value, but received numeric value `1`.",
                        "Error parsing attribute \"@index\": The `where` argument must be a raw() function "
                                + "with a "
                                + "string argument, e.g. `where: raw(\"status = 'active'\")`."),
                errors("@@index([email], where: raw(1))"));
        assertEquals(
                List.of(),
                errors("@@index([email], where: { deletedAt: \"2020-01-01\", email: { not: \"a\" }, score: 1.5 })"));
    }

    /**
     * The object form parses everywhere; outside {@code where:} it is an error, as in Prisma 7.10.1, never a crash.
     */
    @Test
    void anObjectElsewhereIsALocatedError() {
        SchemaResult result = PrismaSchema.parse("schema.prisma", """
                datasource db {
                  provider = "postgresql"
                }

                model User {
                  id    Int    @id @default({ a: 1 })
                  email String @map({ a: 1 })

                  @@index({ a: 1 })
                }
                """);
        assertEquals(
                List.of(
                        "6: Error parsing attribute \"@default\": Expected a Int value, but found `{ a: 1 " + "}`.",
                        "7: Expected a string value, but received object value `{ a: 1 }`.",
                        "9: Expected a constant literal value, but received object value `{ a: 1 }`."),
                result.errors().stream()
                        .map(d -> d.span().line() + ": " + d.message())
                        .toList());
    }

    private static List<String> errors(String attribute) {
        return PrismaSchema.parse("schema.prisma", schema(attribute)).errors().stream()
                .map(d -> d.message())
                .toList();
    }

    private static String schema(String attributes) {
        return """
                generator client {
                  provider        = "prisma-client"
                  previewFeatures = ["partialIndexes"]
                }

                datasource db {
                  provider = "postgresql"
                }

                model User {
                  id        Int       @id
                  email     String
                  status    String
                  score     Int?
                  deletedAt DateTime?

                  %s
                }
                """.formatted(attributes);
    }

    /**
     * The SQL Prisma 7's schema engine writes for these forms (recorded with @prisma/schema-engine-wasm's diff from
     * empty).
     */
    @Test
    void migrationSqlIsPrismas() {
        String sql = Migrations.createScript(parse(schema("""
                @@unique([email], where: { deletedAt: null })
                  @@index([email], where: raw("status = 'active'"))
                  @@index([status], where: { score: { not: null }, status: "x" })""")));
        assertTrue(
                sql.contains("CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\") WHERE "
                        + "(\"deletedAt\" IS NULL);"),
                sql);
        assertTrue(
                sql.contains("CREATE INDEX \"User_email_idx\" ON \"User\"(\"email\") WHERE (status = 'active');"), sql);
        assertTrue(
                sql.contains("CREATE INDEX \"User_status_idx\" ON \"User\"(\"status\") WHERE (\"score\" IS NOT "
                        + "NULL AND "
                        + "\"status\" = 'x');"),
                sql);

        String fieldLevel = Migrations.createScript(parse(
                schema("").replace("email     String", "email     String    @unique(where: { score: { not: 0 } })")));
        assertTrue(
                fieldLevel.contains(
                        "CREATE UNIQUE INDEX \"User_email_key\" ON \"User\"(\"email\") WHERE (\"score\" != " + "0);"),
                fieldLevel);
    }

    /**
     * schema/partial-indexes/prisma-7-migration.sql is what {@code @prisma/schema-engine-wasm} (the engine of
     * {@link PrismaCatalogIdentityTest}) writes from empty for schema/partial-indexes/schema.prisma: the same
     * statements, byte for byte; only their order differs (Prisma creates this unique index after the plain ones,
     * Quarry before).
     */
    @Test
    void fromEmptyScriptHasPrismasStatements() throws Exception {
        Path folder = Path.of("src/test/resources/schema/partial-indexes");
        String quarry = Migrations.createScript(parse(Files.readString(folder.resolve("schema.prisma"))));
        assertEquals(statements(Files.readString(folder.resolve("prisma-7-migration.sql"))), statements(quarry));
    }

    /**
     * The catalog: Prisma 7's own from-empty SQL for schema/partial-indexes/schema.prisma (written now by the
     * Prisma oracle, and the same as the recorded prisma-7-migration.sql) applied to one database, Quarry's to
     * another, give the same pg_dump --schema-only; and Quarry's differ finds nothing to do on the database Prisma
     * made.
     */
    @Test
    void prismasCatalogIsQuarrysAndNothingIsLeftToMigrateOnIt() throws Exception {
        Path folder = Path.of("src/test/resources/schema/partial-indexes");
        Schema schema = parse(Files.readString(folder.resolve("schema.prisma")));
        Path oracle = PrismaCatalogIdentityTest.prismaOracle();
        Path inputs = Files.createTempDirectory("quarry-partial-indexes");
        Files.writeString(
                inputs.resolve("list.txt"), folder.resolve("schema.prisma").toAbsolutePath() + "\n");
        DatabaseUrl prismaDb = TestServer.createDatabase("partial_indexes_p");
        DatabaseUrl quarryDb = TestServer.createDatabase("partial_indexes_q");
        try {
            PrismaCatalogIdentityTest.runPrisma(oracle, inputs.resolve("list.txt"), inputs, prismaDb);
            String prisma = Files.readString(inputs.resolve("0.sql"));
            assertEquals(
                    statements(Files.readString(folder.resolve("prisma-7-migration.sql"))),
                    statements(prisma),
                    "the recorded script is Prisma's");
            try (Connection p = TestServer.connect(prismaDb);
                    Connection q = TestServer.connect(quarryDb)) {
                SqlScripts.executeInTransaction(p, prisma);
                SqlScripts.executeInTransaction(q, Migrations.createScript(schema));
            }
            CatalogDump dump = new CatalogDump(
                    Tools.find("pg_dump").orElseThrow(() -> new IllegalStateException("pg_dump is not installed")),
                    prismaDb);
            String prismaCatalog = dump.of(prismaDb);
            assertTrue(prismaCatalog.contains("WHERE (\"deletedAt\" IS NULL)"), prismaCatalog);
            assertEquals(prismaCatalog, dump.of(quarryDb));
            assertEquals(
                    List.of(),
                    ShapeDiffer.diff(Migrator.describe(prismaDb), ShapeCalculator.calculate(schema, "public"))
                            .steps(),
                    "migrate dev on the database Prisma made");
        } finally {
            TestServer.dropDatabase(prismaDb);
            TestServer.dropDatabase(quarryDb);
        }
    }

    private static List<String> statements(String script) {
        return Arrays.stream(script.strip().split("\n\n")).sorted().toList();
    }

    @Test
    void liveRowsAreUniqueSoftDeletedOnesMayShareAnEmailAndNothingIsLeftToMigrate() throws Exception {
        Schema schema = parse(schema("""
                @@unique([email], where: { deletedAt: null })
                  @@index([status], where: raw("status <> 'archived' AND score > 0"))"""));
        DatabaseUrl database = TestServer.createDatabase("partial_indexes");
        try {
            try (Connection connection = TestServer.connect(database);
                    Statement statement = connection.createStatement()) {
                SqlScripts.executeInTransaction(connection, Migrations.createScript(schema));
                statement.execute("INSERT INTO \"User\" VALUES (1, 'a@x', 's', 1, now()), (2, 'a@x', 's', 1, now()), "
                        + "(3, "
                        + "'a@x', 's', 1, NULL)");
                SQLException duplicate = assertThrows(
                        SQLException.class,
                        () -> statement.execute("INSERT INTO \"User\" VALUES (4, 'a@x', 's', 1, NULL)"));
                assertEquals("23505", duplicate.getSQLState());
            }
            DatabaseShape described = Migrator.describe(database);
            assertEquals(
                    List.of(),
                    ShapeDiffer.diff(described, ShapeCalculator.calculate(schema, "public"))
                            .steps(),
                    "a second migrate dev");

            String pulled =
                    SchemaWriter.write(described, "datasource db {\n  provider = \"postgresql\"\n}\n", "public");
            assertTrue(pulled.contains("@@unique([email], where: raw(\"(\\\"deletedAt\\\" IS NULL)\"))"), pulled);
            Schema pulledSchema = parse(pulled);
            assertEquals(
                    List.of(),
                    ShapeDiffer.diff(described, ShapeCalculator.calculate(pulledSchema, "public"))
                            .steps(),
                    "migrate dev after db pull");

            Schema changed = parse(schema("@@unique([email], where: { deletedAt: null, status: \"live\" })"));
            assertEquals(
                    3,
                    ShapeDiffer.diff(described, ShapeCalculator.calculate(changed, "public"))
                            .steps()
                            .size(),
                    "a changed predicate replaces its index (drop, create) and the other index goes");
        } finally {
            TestServer.dropDatabase(database);
        }
    }

    private static Schema parse(String text) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", text);
        assertEquals(List.of(), result.errors().stream().map(d -> d.message()).toList());
        return result.schema().orElseThrow();
    }
}
