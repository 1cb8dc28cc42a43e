package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.model.Schema;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.Tools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kinds of difference the parity suites found on real applications' schemas (issue 24), each case sent to
 * Quarry and to Prisma Client 7 on the same database: Json filters with a path and DbNull, a plain null under a
 * Json filter, arguments Prisma refuses, and a schema naming a table or column the database lacks (the setup drops
 * the table of APIKey and the column Blob.size).
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql,parity/missing-in-database.sql"),
            @ResourceArg(name = "purpose", value = "JsonNullsAndRefusalsParityTest")
        })
class JsonNullsAndRefusalsParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA_FILE = Path.of("src/test/resources/query/rich.prisma");
    private static PrismaPeer peer;
    private static Schema schema;

    // Account.meta by id: 1 {"a": {"b": "deep"}}, 2 NULL (DbNull), 3 "just a string", 4 [1, "two", null], 5 JSON
    // null

    @Test
    void aJsonPathWithDbNullTestsTheValueAtThePath() throws Exception {
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"a\"],\"equals\":{\"$type\":\"DbNull\"}}},"
                        + "\"select\":{\"id\":true}}",
                "2,3,4,5");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"a\"],\"not\":{\"$type\":\"DbNull\"}}},"
                        + "\"select\":{\"id\":true}}",
                "1");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"a\",\"b\"],\"equals\":{\"$type\":\"DbNull\"}}},"
                        + "\"select\":{\"id\":true}}",
                "2,3,4,5");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"equals\":{\"$type\":\"DbNull\"}}},\"select\":{\"id\":true}}",
                "2");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"a\"],\"equals\":{\"$type\":\"AnyNull\"}}},"
                        + "\"select\":{\"id\":true}}",
                "2,3,4,5");
    }

    @Test
    void aPlainNullUnderAJsonFilterIsJsonNull() throws Exception {
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"a\"],\"equals\":null}},\"select\":{\"id\":true}}",
                "");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"a\"],\"not\":null}},\"select\":{\"id\":true}}",
                "1");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"meta\":{\"path\":[\"2\"],\"equals\":null}},\"select\":{\"id\":true}}",
                "4");
        assertSameIds("Account", "findMany", "{\"where\":{\"meta\":{\"equals\":null}},\"select\":{\"id\":true}}", "5");
        assertSameIds("Account", "findMany", "{\"where\":{\"meta\":{\"not\":null}},\"select\":{\"id\":true}}", "1,3,4");
    }

    @Test
    void modeBelongsToTheOuterFilterAndAppliesInsideItsNot() throws Exception {
        assertRefusedByBoth(
                "Account",
                "findMany",
                "{\"where\":{\"email\":{\"not\":{\"contains\":\"X\",\"mode\":\"insensitive\"}}}}",
                "Q103");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"email\":{\"mode\":\"insensitive\",\"not\":{\"contains\":\"X\"}}},"
                        + "\"select\":{\"id\":true}}",
                "3,4");
        assertSameIds(
                "Account",
                "findMany",
                "{\"where\":{\"email\":{\"mode\":\"insensitive\","
                        + "\"not\":{\"not\":{\"startsWith\":\"ANN\"}}}},"
                        + "\"select\":{\"id\":true}}",
                "1");
    }

    @Test
    void anOrderObjectTakesOneKey() throws Exception {
        assertRefusedByBoth("Account", "findMany", "{\"orderBy\":{\"id\":\"asc\",\"email\":\"desc\"}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"orderBy\":[{\"id\":\"asc\",\"email\":\"asc\"}]}", "Q104");
        assertRefusedByBoth(
                "Article", "findMany", "{\"orderBy\":{\"author\":{\"email\":\"asc\",\"id\":\"asc\"}}}", "Q104");
        assertRefusedByBoth(
                "Account",
                "findMany",
                "{\"select\":{\"articles\":{\"orderBy\":{\"id\":\"asc\",\"title\":\"asc\"}}}}",
                "Q104");
        assertRefusedByBoth(
                "Account",
                "groupBy",
                "{\"by\":[\"role\",\"active\"],\"orderBy\":{\"role\":\"asc\",\"active\":\"asc\"}}",
                "Q104");
        assertRefusedByBoth(
                "Account",
                "groupBy",
                "{\"by\":[\"role\",\"active\"],\"orderBy\":{\"_count\":{\"role\":\"asc\"," + "\"active\":\"asc\"}}}",
                "Q104");
        assertRefusedByBoth("Account", "groupBy", "{\"by\":[\"role\"],\"orderBy\":{\"_count\":{}}}", "Q104");
        assertSameIds(
                "Account",
                "findMany",
                "{\"orderBy\":[{\"role\":\"asc\"},{\"id\":\"desc\"}],\"select\":{\"id\":true}}",
                "5,4,2,1,3");
        assertSameIds(
                "Account",
                "findMany",
                "{\"orderBy\":{},\"where\":{\"id\":{\"lt\":3}},\"select\":{\"id\":true}}",
                "1,2");
        assertSameIds(
                "Article",
                "findMany",
                "{\"orderBy\":[{\"author\":{}},{\"id\":\"asc\"}],\"where\":{\"id\":{\"lt\":3}},"
                        + "\"select\":{\"id\":true}}",
                "1,2");
    }

    @Test
    void listsAndJsonAreSortedAndGroupedAsPrismaDoes() throws Exception {
        assertSameIds(
                "Account",
                "findMany",
                "{\"orderBy\":[{\"meta\":\"asc\"},{\"id\":\"asc\"}],\"select\":{\"id\":true}}",
                "5,3,4,1,2");
        assertSameIds(
                "Account",
                "findMany",
                "{\"orderBy\":[{\"tags\":\"desc\"},{\"id\":\"asc\"}],\"select\":{\"id\":true}}",
                "1,4,2,5,3");
        assertRefusedByBoth(
                "Account", "findMany", "{\"orderBy\":[{\"roles\":{\"sort\":\"asc\",\"nulls\":\"first\"}}]}", "Q104");
        assertSame(
                "Account",
                "groupBy",
                "{\"by\":[\"tags\"],\"orderBy\":{\"tags\":\"asc\"},\"_count\":{\"_all\":true}}",
                null);
        assertSame(
                "Account",
                "groupBy",
                "{\"by\":[\"meta\"],\"where\":{\"id\":{\"in\":[1,3,4]}},\"orderBy\":{\"meta\":\"desc\"}}",
                "[{\"meta\":{\"a\":{\"b\":\"deep\"}}},{\"meta\":[1,\"two\",null]},{\"meta\":\"just a " + "string\"}]");
    }

    @Test
    void aSelectChoosesSomething() throws Exception {
        assertRefusedByBoth("Account", "findMany", "{\"select\":{}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"select\":{\"id\":false}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"select\":{\"_count\":false}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"include\":{\"articles\":{\"select\":{}}}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"select\":{\"_count\":{\"select\":{}}}}", "Q104");
        assertRefusedByBoth("Account", "findUnique", "{\"where\":{\"id\":1},\"select\":{}}", "Q104");
        assertSame("Account", "count", "{\"where\":{\"id\":{\"lt\":3}}}", "2");
        assertSame(
                "Account",
                "aggregate",
                "{\"where\":{\"id\":{\"lt\":3}},\"_count\":{\"_all\":true}}",
                "{\"_count\":{\"_all\":2}}");
    }

    @Test
    void listOperatorsTakeAList() throws Exception {
        assertRefusedByBoth("Account", "findMany", "{\"where\":{\"id\":{\"in\":3}}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"where\":{\"id\":{\"notIn\":3}}}", "Q104");
        assertRefusedByBoth("Account", "findMany", "{\"where\":{\"tags\":{\"hasSome\":\"red\"}}}", "Q104");
        assertSameIds("Account", "findMany", "{\"where\":{\"id\":{\"in\":[3]}},\"select\":{\"id\":true}}", "3");
    }

    @Test
    void countOnlyWhereThereAreToManyRelations() throws Exception {
        assertRefusedByBoth("Profile", "findMany", "{\"include\":{\"_count\":true}}", "Q102");
        assertRefusedByBoth("Profile", "findMany", "{\"select\":{\"_count\":true}}", "Q102");
        assertSame(
                "Account",
                "findMany",
                "{\"where\":{\"id\":1},\"select\":{\"_count\":true}}",
                "[{\"_count\":{\"articles\":3,\"memberships\":1,\"mentees\":2}}]");
    }

    @Test
    void pagedGroupsWithoutAnOrderAreOrderedByThePrimaryKey() throws Exception {
        assertRefusedByBoth("Account", "groupBy", "{\"by\":[\"role\"],\"take\":2}", "P2019");
        assertRefusedByBoth("Account", "groupBy", "{\"by\":[\"role\"],\"skip\":1}", "P2019");
        assertRefusedByBoth("Account", "groupBy", "{\"by\":[\"role\"],\"orderBy\":[],\"take\":1}", "P2019");
        assertRefusedByBoth("Membership", "groupBy", "{\"by\":[\"accountId\"],\"take\":2}", "P2019");
        assertRefusedByBoth("Account", "groupBy", "{\"by\":[\"role\"],\"orderBy\":{\"id\":\"asc\"}}", "P2019");
        assertSame("Account", "groupBy", "{\"by\":[\"id\"],\"take\":2}", "[{\"id\":1},{\"id\":2}]");
        assertSame("Membership", "groupBy", "{\"by\":[\"accountId\",\"teamId\"],\"take\":2}", null);
        assertSame(
                "Account",
                "groupBy",
                "{\"by\":[\"role\"],\"take\":2,\"orderBy\":{\"role\":\"asc\"}}",
                "[{\"role\":\"USER\"},{\"role\":\"ADMIN\"}]");
    }

    @Test
    void aMissingTableIsP2021AndAMissingColumnP2022() throws Exception {
        JsonNode table = assertRefusedByBoth("APIKey", "findMany", "{}", "P2021");
        assertEquals(Set.of("modelName", "table", "driverAdapterError"), names(table.get("meta")));
        assertEquals("APIKey", table.at("/meta/modelName").asText());
        assertEquals(
                "P2021",
                assertRefusedByBoth(
                                "APIKey",
                                "create",
                                "{\"data\":{\"hash\":\"AAE=\",\"expires\":\"2024-01-01T00:00:00Z\"}}",
                                "P2021")
                        .get("code")
                        .asText());
        JsonNode column = assertRefusedByBoth("Blob", "findMany", "{}", "P2022");
        assertEquals(Set.of("modelName", "column", "driverAdapterError"), names(column.get("meta")));
        assertEquals("Blob", column.at("/meta/modelName").asText());
        assertEquals("Blob.size", column.at("/meta/column").asText());
        assertEquals(
                "Blob",
                assertRefusedByBoth(
                                "Blob",
                                "create",
                                "{\"data\":{\"key\":\"k\",\"data\":\"AAE=\",\"checksum\":1,\"size\":3}}",
                                "P2022")
                        .at("/meta/modelName")
                        .asText());
        assertSame("Blob", "findMany", "{\"select\":{\"key\":true},\"orderBy\":{\"key\":\"asc\"},\"take\":1}", null);
    }

    @Test
    void aRecordNotFoundIsP2025WithPrismasMeta() throws Exception {
        for (String[] c : List.of(
                new String[] {"update", "{\"where\":{\"id\":999},\"data\":{\"handle\":\"x\"}}"},
                new String[] {"delete", "{\"where\":{\"id\":999}}"},
                new String[] {"findUniqueOrThrow", "{\"where\":{\"id\":999}}"})) {
            ParityCheck.Outcome o = compare("Account", c[0], c[1]);
            assertEquals(ParityCheck.Bucket.REFUSED_BY_BOTH, o.bucket(), () -> describe(o));
            assertEquals(404, o.quarryStatus(), () -> describe(o));
            assertEquals(
                    JSON.readTree(o.prisma()).get("meta"),
                    JSON.readTree(o.quarry()).get("meta"),
                    () -> describe(o));
        }
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.close();
        }
    }

    /** Both answer, the same; and the answer is {@code expected} (unless null). */
    private static void assertSame(String model, String operation, String args, String expected) throws Exception {
        ParityCheck.Outcome o = compare(model, operation, args);
        assertEquals(ParityCheck.Bucket.SAME, o.bucket(), () -> describe(o));
        if (expected != null) {
            assertEquals(JSON.readTree(expected), JSON.readTree(o.quarry()), () -> describe(o));
        }
    }

    /** Both answer the same rows, whose ids are {@code ids} (comma-separated, in order). */
    private static void assertSameIds(String model, String operation, String args, String ids) throws Exception {
        ParityCheck.Outcome o = compare(model, operation, args);
        assertEquals(ParityCheck.Bucket.SAME, o.bucket(), () -> describe(o));
        List<String> answered = new ArrayList<>();
        JSON.readTree(o.quarry()).forEach(row -> answered.add(row.get("id").asText()));
        assertEquals(ids, String.join(",", answered), () -> describe(o));
    }

    /** Both refuse, with the same kind of error; Quarry with {@code code}, not a 5xx. Quarry's problem document. */
    private static JsonNode assertRefusedByBoth(String model, String operation, String args, String code)
            throws Exception {
        ParityCheck.Outcome o = compare(model, operation, args);
        assertEquals(ParityCheck.Bucket.REFUSED_BY_BOTH, o.bucket(), () -> describe(o));
        JsonNode problem = JSON.readTree(o.quarry());
        assertEquals(code, problem.get("code").asText(), () -> describe(o));
        assertEquals(400, o.quarryStatus(), () -> describe(o));
        return problem;
    }

    private static ParityCheck.Outcome compare(String model, String operation, String args) throws Exception {
        String delegate = Character.toLowerCase(model.charAt(0)) + model.substring(1);
        return ParityCheck.compare(peer(), schema, new ArgsGenerator.Case(model, delegate, operation, args));
    }

    private static PrismaPeer peer() throws Exception {
        if (peer == null) {
            Tools.require(
                    PrismaPeer.unavailableReason().isEmpty(),
                    () -> "Prisma parity: " + PrismaPeer.unavailableReason().orElse(""));
            schema = PrismaSchema.load(SCHEMA_FILE).schema().orElseThrow();
            peer = PrismaPeer.start(
                    SCHEMA_FILE, ConfigProvider.getConfig().getValue("quarry.test.database-url", String.class));
        }
        return peer;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String describe(ParityCheck.Outcome o) {
        return o.c().delegate() + "." + o.c().operation() + " " + o.c().args() + "\n  quarry " + o.quarryStatus() + " "
                + o.quarry() + "\n  prisma " + o.prismaStatus() + " " + o.prisma();
    }
}
