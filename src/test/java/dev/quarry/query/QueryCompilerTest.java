package dev.quarry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.sql.SqlStatement;
import dev.quarry.query.support.Reads;
import dev.quarry.query.support.Schemas;
import dev.quarry.query.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query stage on its own (plan, build, run on a plain Vert.x pool): properties of the SQL it emits. */
class QueryCompilerTest {

    private static TestDatabase db;
    private static Reads reads;

    @BeforeAll
    static void setUp() {
        db = TestDatabase.create("compiler", "query/rich-prisma-ddl.sql", "query/rich-seed.sql");
        reads = new Reads(
                Schemas.rich(),
                db,
                new Limits(
                        50,
                        3,
                        Limits.DEFAULT.maxFilterNodes(),
                        Limits.DEFAULT.maxSkip(),
                        Limits.DEFAULT.maxListValues(),
                        Limits.DEFAULT.maxRows(),
                        Limits.DEFAULT.maxResponseBytes()));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @Test
    void valuesAreAlwaysParametersSoTheTextDependsOnlyOnTheShape() {
        SqlStatement a = reads.compile(
                "Account",
                "findMany",
                "{\"where\":{\"email\":{\"contains\":\"ann\"},\"id\":{\"in\":[1,2]}},\"take\":2,\"skip\":1}");
        SqlStatement b = reads.compile(
                "Account",
                "findMany",
                "{\"where\":{\"email\":{\"contains\":\"x'); DROP TABLE accounts; "
                        + "--\"},\"id\":{\"in\":[3,4,5]}},\"take\":7,\"skip\":3}");
        assertEquals(a.text(), b.text());
        assertNotEquals(a.params(), b.params());
        assertFalse(b.text().contains("DROP"));
        assertEquals(
                "[]",
                reads.run(
                        "Account",
                        "findMany",
                        "{\"where\":{\"email\":{\"contains\":\"x'); DROP TABLE accounts; --\"}}}"));
        assertEquals("5", reads.run("Account", "count", "{}"));
    }

    @Test
    void aDifferentShapeIsADifferentStatement() {
        SqlStatement equals = reads.compile("Account", "findMany", "{\"where\":{\"mentorId\":1}}");
        SqlStatement isNull = reads.compile("Account", "findMany", "{\"where\":{\"mentorId\":null}}");
        assertNotEquals(equals.text(), isNull.text());
        assertTrue(isNull.text().contains("IS NULL"));
    }

    @Test
    void identifiersAreQuotedMappedNames() {
        String sql = reads.compile("Account", "findMany", "{\"select\":{\"handle\":true,\"createdAt\":true}}")
                .text();
        assertTrue(sql.contains("\"user_handle\""), sql);
        assertTrue(sql.contains("\"created_at\""), sql);
        assertTrue(sql.contains("FROM \"accounts\""), sql);
    }

    @Test
    void relationsBecomeSubqueriesOfOneStatement() {
        SqlStatement s = reads.compile(
                "Account",
                "findMany",
                "{\"include\":{\"articles\":{\"include\":{\"categories\":true}},\"profile\":true}}");
        assertEquals(
                1,
                s.text().split("SELECT", -1).length - 1 - count(s.text(), "(SELECT"),
                "one top-level SELECT: " + s.text());
        assertTrue(s.text().contains("json_agg"));
        assertTrue(s.text().contains("\"_ArticleToCategory\""));
    }

    @Test
    void limitsAreConfigurable() {
        QueryException take =
                assertThrows(QueryException.class, () -> reads.compile("Account", "findMany", "{\"take\":51}"));
        assertEquals(ErrorCode.OVER_TAKE_LIMIT, take.error().code());
        assertTrue(take.error().message().contains("50"));
        QueryException depth = assertThrows(
                QueryException.class,
                () -> reads.compile(
                        "Category",
                        "findMany",
                        "{\"include\":{\"children\":{\"include\":{\"children\":{\"include\":{\"children\":{"
                                + "\"includ"
                                + "e\":{\"children\":true}}}}}}}}"));
        assertEquals(ErrorCode.OVER_DEPTH_LIMIT, depth.error().code());
        assertEquals(
                "include.children.include.children.include.children.include.children",
                depth.error().path());
    }

    @Test
    void errorsCarryParameterPathAndAllowed() {
        QueryException e = assertThrows(
                QueryException.class,
                () -> reads.compile("Article", "findMany", "{\"where\":{\"categories\":{\"some\":{\"nam\":\"x\"}}}}"));
        assertEquals("body", e.error().parameter());
        assertEquals("where.categories.some.nam", e.error().path());
        assertTrue(
                e.error().allowed().containsAll(List.of("id", "name", "articles", "AND", "OR", "NOT")),
                e.error().allowed().toString());
    }

    @Test
    void keysComeInSchemaOrder() {
        String body = reads.run(
                "Account",
                "findUnique",
                "{\"where\":{\"id\":2},\"select\":{\"active\":true,\"id\":true,\"email\":true}}");
        assertEquals("{\"id\" : 2, \"email\" : \"ben@example.com\", \"active\" : true}", body);
    }

    @Test
    void decimalsAreWrittenAsPrismaClientWritesThem() throws Exception {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:5432/" + db.name, "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute("UPDATE accounts SET ratio = CASE id WHEN 1 THEN 1e21 WHEN 2 THEN -0.000000123456789 WHEN 3 "
                    + "THEN 123456789012345678901"
                    + " WHEN 4 THEN -0.000001 ELSE 19.90 END");
        }
        assertEquals(
                "[{\"ratio\" : \"1e+21\"}, {\"ratio\" : \"-1.23456789e-7\"}, {\"ratio\" : "
                        + "\"123456789012345678901\"}, "
                        + "{\"ratio\" : \"-0.000001\"}, {\"ratio\" : \"19.9\"}]",
                reads.run("Account", "findMany", "{\"orderBy\":{\"id\":\"asc\"},\"select\":{\"ratio\":true}}"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * With max-take above max-rows, a take no longer bounds a list by itself: the statement caps it at max-rows + 1
     * and checks it.
     */
    @Test
    void aTakeAboveMaxRowsIsCappedAndChecked() {
        Limits limits = Limits.DEFAULT;
        Reads capped = new Reads(
                Schemas.rich(),
                db,
                new Limits(
                        50,
                        3,
                        limits.maxFilterNodes(),
                        limits.maxSkip(),
                        limits.maxListValues(),
                        3,
                        limits.maxResponseBytes()));
        assertEquals(
                capped.compile("Account", "findMany", "{\"take\":3}").text(),
                capped.compile("Account", "findMany", "{\"take\":40}").text());
        assertEquals(
                3,
                capped.run("Account", "findMany", "{\"take\":3,\"select\":{\"id\":true}}")
                                .split("\"id\"")
                                .length
                        - 1);
        assertEquals(
                2,
                capped.run("Account", "findMany", "{\"take\":-2,\"select\":{\"id\":true}}")
                                .split("\"id\"")
                                .length
                        - 1);
        for (String args : List.of("{\"take\":4}", "{\"take\":-40}", "{}")) {
            QueryException over =
                    assertThrows(QueryException.class, () -> capped.run("Account", "findMany", args), args);
            assertEquals(ErrorCode.OVER_ROW_LIMIT, over.error().code());
            assertEquals("$", over.error().path());
        }
    }
}
