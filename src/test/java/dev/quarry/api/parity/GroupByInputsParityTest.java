package dev.quarry.api.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Prisma's query schema takes in groupBy's {@code having} and {@code orderBy} on list, Json and Bytes fields
 * (issue 24), each case sent to Quarry and to Prisma Client 7 on the same database: list and Json filters on a
 * grouped field, aggregates PostgreSQL has no function for (Prisma's P2039), Json aggregates its engine refuses
 * (P2019).
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "query/rich.prisma"),
            @ResourceArg(name = "sql", value = "query/rich-seed.sql"),
            @ResourceArg(name = "purpose", value = "GroupByInputsParityTest")
        })
class GroupByInputsParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA_FILE = Path.of("src/test/resources/query/rich.prisma");
    private static PrismaPeer peer;
    private static Schema schema;

    // Account.tags by id: 1 {red,blue}, 2 {blue}, 3 {}, 4 {green,red}, 5 {Red}; meta: 1 {"a":{"b":"deep"}}, 2 NULL,
    // 3 "just a string", 4 [1,"two",null], 5 JSON null

    @Test
    void aGroupedListIsFilteredByItsListFilter() throws Exception {
        assertSame(
                "{\"by\":[\"tags\"],\"having\":{\"tags\":{\"equals\":[\"red\",\"blue\"]}}}",
                "[{\"tags\":[\"red\",\"blue\"]}]");
        assertSame("{\"by\":[\"tags\"],\"having\":{\"tags\":{\"equals\":null}}}", "[]");
        assertRefusedByBoth("{\"by\":[\"role\"],\"having\":{\"tags\":{\"equals\":[\"red\"]}}}", "Q104");
        assertRefusedByBoth("{\"by\":[\"role\"],\"having\":{\"tags\":{\"_count\":{\"gt\":1}}}}", "Q104");
    }

    /**
     * has, hasSome, hasEvery and isEmpty in having: Prisma 7.10's engine panics on them ("entered unreachable code"
     * in group_by.rs); on a grouped field they mean what they mean in where, which Prisma answers.
     */
    @Test
    void theListOperatorsPrismaPanicsOnAnswerAsTheirWhere() throws Exception {
        for (String filter : new String[] {
            "{\"has\":\"red\"}", "{\"hasSome\":[\"red\",\"green\"]}", "{\"hasEvery\":[\"red\"]}", "{\"isEmpty\":true}"
        }) {
            String having = "{\"by\":[\"tags\"],\"having\":{\"tags\":" + filter + "},\"orderBy\":{\"tags\":\"asc\"}}";
            String where = "{\"by\":[\"tags\"],\"where\":{\"tags\":" + filter + "},\"orderBy\":{\"tags\":\"asc\"}}";
            ParityCheck.Outcome o = compare("Account", "groupBy", having);
            assertEquals(200, o.quarryStatus(), () -> describe(o));
            assertEquals(500, o.prismaStatus(), () -> describe(o));
            assertTrue(o.prisma().contains("entered unreachable code"), () -> describe(o));
            HttpResponse<String> right = peer().post("account", "groupBy", where);
            assertEquals(200, right.statusCode(), right::body);
            assertTrue(
                    ParityCheck.same(JSON.readTree(right.body()), JSON.readTree(o.quarry())),
                    () -> describe(o) + "\n  prisma's where " + right.body());
        }
    }

    @Test
    void aGroupedJsonIsFilteredByItsJsonFilter() throws Exception {
        assertSame(
                "{\"by\":[\"meta\"],\"having\":{\"meta\":{\"path\":[\"a\"],\"equals\":{\"b\":\"deep\"}}}}",
                "[{\"meta\":{\"a\":{\"b\":\"deep\"}}}]");
        assertSame(
                "{\"by\":[\"meta\"],\"having\":{\"meta\":{\"string_contains\":\"str\"}}}",
                "[{\"meta\":\"just a string\"}]");
        assertSame(
                "{\"by\":[\"meta\"],\"having\":{\"meta\":{\"array_contains\":[\"two\"]}}}",
                "[{\"meta\":[1,\"two\",null]}]");
        assertRefusedByBoth("{\"by\":[\"role\"],\"having\":{\"meta\":{\"equals\":1}}}", "Q104");
    }

    @Test
    void jsonAggregatesInHavingAreRefusedByTheEngine() throws Exception {
        assertRefusedByBoth("{\"by\":[\"meta\"],\"having\":{\"meta\":{\"_min\":{\"equals\":1}}}}", "P2019");
        assertRefusedByBoth("{\"by\":[\"role\"],\"having\":{\"settings\":{\"_max\":{\"gt\":1}}}}", "P2019");
        assertRefusedByBoth("{\"by\":[\"meta\"],\"having\":{\"meta\":{\"_count\":{\"equals\":1}}}}", "P2019");
    }

    @Test
    void aggregatesPostgresqlLacksAreItsError() throws Exception {
        for (String args : new String[] {
            "{\"by\":[\"role\"],\"having\":{\"avatar\":{\"_min\":{\"equals\":\"AAE=\"}}}}",
            "{\"by\":[\"avatar\"],\"having\":{\"avatar\":{\"not\":{\"_max\":{\"equals\":\"AAE=\"}}}}}",
            "{\"by\":[\"role\"],\"orderBy\":{\"_min\":{\"avatar\":\"asc\"}}}",
            "{\"by\":[\"role\"],\"orderBy\":{\"_max\":{\"avatar\":\"desc\"}}}",
            "{\"by\":[\"role\"],\"orderBy\":{\"_avg\":{\"scores\":\"asc\"}}}",
            "{\"by\":[\"role\"],\"orderBy\":{\"_sum\":{\"bigs\":\"asc\"}}}"
        }) {
            JsonNode problem = assertRefusedByBoth(args, "P2039");
            assertEquals(
                    "42883",
                    problem.at("/meta/driverAdapterError/cause/originalCode").asText());
        }
        ParityCheck.Outcome o = compare("Account", "aggregate", "{\"_min\":{\"avatar\":true}}");
        assertEquals(ParityCheck.Bucket.REFUSED_BY_BOTH, o.bucket(), () -> describe(o));
    }

    @Test
    void aggregatesPostgresqlHasAnswerAsPrismas() throws Exception {
        assertSame("{\"by\":[\"role\"],\"orderBy\":{\"_count\":{\"meta\":\"asc\"}},\"_count\":{\"meta\":true}}", null);
        assertSame(
                "{\"by\":[\"role\"],\"having\":{\"avatar\":{\"_count\":{\"gt\":0}}},\"orderBy\":{\"role\":\"asc\"}}",
                null);
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.close();
        }
    }

    /** Both answer the groupBy, the same; and the answer is {@code expected} (unless null). */
    private static void assertSame(String args, String expected) throws Exception {
        ParityCheck.Outcome o = compare("Account", "groupBy", args);
        assertEquals(ParityCheck.Bucket.SAME, o.bucket(), () -> describe(o));
        if (expected != null) {
            assertEquals(JSON.readTree(expected), JSON.readTree(o.quarry()), () -> describe(o));
        }
    }

    /** Both refuse the groupBy, with the same kind of error; Quarry with {@code code}, a 400. */
    private static JsonNode assertRefusedByBoth(String args, String code) throws Exception {
        ParityCheck.Outcome o = compare("Account", "groupBy", args);
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

    private static String describe(ParityCheck.Outcome o) {
        return o.c().delegate() + "." + o.c().operation() + " " + o.c().args() + "\n  quarry " + o.quarryStatus() + " "
                + o.quarry() + "\n  prisma " + o.prismaStatus() + " " + o.prisma();
    }
}
