package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FuzzTally;
import dev.quarry.testsupport.RecordedDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 1,200 random and mutated write bodies on both surfaces: never a 500, and a rejected request leaves the database
 * exactly as it was (compared by a digest of every table, taken before and after each request).
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = RecordedDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "WriteFuzzApiTest")
        }) // a database of its own: classes with equal resources would share one
class WriteFuzzApiTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] TABLES = {
        "User", "Profile", "Post", "Tag", "Comment", "Category", "Setting", "_PostToTag"
    };
    private static final String[] SEEDS = {
        "{\"data\":{\"email\":\"s@x.io\",\"name\":\"n\",\"tags\":[\"a\"],\"settings\":{\"k\":1},"
                + "\"posts\":{\"create\":[{\"title\":\"p\",\"tags\":{\"connectOrCreate\":{\"where\":{\"name\":\"t\"},"
                + "\"create\":{\"name\":\"t\"}}}}]},\"profile\":{\"create\":{\"bio\":\"b\"}}},"
                + "\"include\":{\"posts\":true}}",
        "{\"where\":{\"email\":\"base@x.io\"},\"data\":{\"counter\":{\"increment\":1},"
                + "\"tags\":{\"push\":\"z\"},\"posts\":{\"create\":{\"title\":\"q\"},"
                + "\"updateMany\":{\"where\":{\"title\":\"q\"},\"data\":{\"views\":{\"multiply\":2}}}}}}",
        "{\"where\":{\"name\":\"fz\"},\"create\":{\"name\":\"fz\","
                + "\"posts\":{\"create\":{\"title\":\"w\"}}},"
                + "\"update\":{\"posts\":{\"deleteMany\":{\"title\":\"w\"}}}}",
        "{\"data\":[{\"title\":\"m1\",\"views\":3},{\"title\":\"m2\",\"authorId\":null}]," + "\"skipDuplicates\":true}",
        "{\"where\":{\"title\":{\"startsWith\":\"m\"}},\"data\":{\"views\":{\"decrement\":1}},\"limit\":5}",
        "{\"data\":{\"text\":\"c\",\"post\":{\"create\":{\"title\":\"cp\"}},"
                + "\"user\":{\"connect\":{\"email\":\"base@x.io\"}}}}",
        "{\"data\":{\"scope\":\"s\",\"key\":\"k\",\"value\":\"v\"}}",
        "{\"where\":{\"id\":1},\"data\":{\"children\":{\"create\":{\"name\":\"kid\"},\"set\":[]}}}",
    };
    private static final String[][] TARGETS = {
        {"user", "create"},
        {"user", "update"},
        {"tag", "upsert"},
        {"post", "createMany"},
        {"post", "updateMany"},
        {"comment", "create"},
        {"setting", "create"},
        {"category", "update"},
    };
    private static final String[] OPERATIONS = {
        "create", "createMany", "createManyAndReturn", "update", "updateMany", "upsert", "delete", "deleteMany"
    };

    /** The SQLSTATE of each error PostgreSQL sent, read on the wire (RecordedDatabase). */
    Supplier<List<String>> errors;

    private final Random random = new Random(20240531L);
    /**
     * The statuses the fixed seed gets (measured: 200: 141, 400: 977, 404: 24, 409: 58), and floors below the
     * counts.
     */
    private static final Set<Integer> EXPECTED_STATUSES = Set.of(200, 400, 404, 409);

    private static final int MIN_ANSWERED = 120;
    private static final int MIN_REFUSED = 900;

    private static String digest() throws Exception {
        DatabaseUrl url =
                DatabaseUrl.parse(ConfigProvider.getConfig().getValue("quarry.test.database-url", String.class));
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < TABLES.length; i++) {
            sql.append(i > 0 ? " || " : "")
                    .append("(SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) FROM \"")
                    .append(TABLES[i])
                    .append("\" t)");
        }
        try (Connection c = TestServer.connect(url);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void randomAndMutatedBodiesNeverGiveA500NorAPartialWrite() throws Exception {
        RestAssured.given()
                .contentType("application/json")
                .body("{\"data\":{\"email\":\"base@x.io\"}}")
                .post("/api/rpc/user/create")
                .then()
                .statusCode(200);
        FuzzTally tally = new FuzzTally();
        for (int i = 0; i < 1200; i++) {
            String before = digest();
            Response r = send(i);
            int status = r.statusCode();
            tally.record("write " + i, status, r.asString());
            assertNotEquals(500, status, () -> "500 for request " + r.asString());
            assertTrue(status < 500, () -> "status " + status + ": " + r.asString());
            if (status >= 400) {
                assertEquals(before, digest(), "a rejected request changed the database: " + r.asString());
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            }
        }
        System.out.println("write fuzz: " + tally);
        Map<String, Long> refusedByPostgres =
                errors.get().stream().collect(Collectors.groupingBy(e -> e, TreeMap::new, Collectors.counting()));
        System.out.println("write fuzz: SQLSTATEs PostgreSQL sent: " + refusedByPostgres);
        // only integrity violations (class 23: unique, foreign key, not null), which the database alone can judge,
        // as in Prisma; a data error (22) or a syntax or access error (42) would be a request the planner should
        // have refused
        assertTrue(
                refusedByPostgres.keySet().stream().allMatch(state -> state.startsWith("23")),
                "PostgreSQL refused " + refusedByPostgres);
        // the README's figure: 1,200 write bodies; the statuses the fixed seed gets, with floors below the measured
        // counts
        assertEquals(1200, tally.sent());
        assertEquals(EXPECTED_STATUSES, tally.statuses().keySet(), "statuses " + tally.statuses());
        assertTrue(tally.count(200) >= MIN_ANSWERED && tally.count(400) >= MIN_REFUSED, "statuses " + tally.statuses());
    }

    private Response send(int i) throws Exception {
        int kind = random.nextInt(10);
        if (kind == 0) {
            String garbage = randomText();
            return RestAssured.given()
                    .contentType("application/json")
                    .body(garbage)
                    .post("/api/rpc/user/" + OPERATIONS[random.nextInt(OPERATIONS.length)]);
        }
        int seed = random.nextInt(SEEDS.length);
        JsonNode body = MAPPER.readTree(SEEDS[seed]);
        int mutations = random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            body = mutate(body, 0);
        }
        String text = MAPPER.writeValueAsString(body);
        if (kind == 1) {
            return RestAssured.given()
                    .contentType("application/json")
                    .body(text)
                    .post("/api/users");
        }
        if (kind == 2) {
            return RestAssured.given()
                    .contentType("application/json")
                    .body(text)
                    .patch("/api/posts/" + random.nextInt(5));
        }
        String[] target = TARGETS[seed];
        String operation = kind == 3 ? OPERATIONS[random.nextInt(OPERATIONS.length)] : target[1];
        return RestAssured.given()
                .contentType("application/json")
                .body(text)
                .post("/api/rpc/" + target[0] + "/" + operation);
    }

    private JsonNode mutate(JsonNode node, int depth) {
        if (node.isObject() && node.size() > 0 && random.nextInt(4) > 0) {
            ObjectNode obj = (ObjectNode) node;
            List<String> keys = new ArrayList<>();
            obj.fieldNames().forEachRemaining(keys::add);
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(5)) {
                case 0:
                    obj.remove(key);
                    return obj;
                case 1:
                    obj.set(randomKey(), randomValue());
                    return obj;
                default:
                    obj.set(key, mutate(obj.get(key), depth + 1));
                    return obj;
            }
        }
        if (node.isArray() && node.size() > 0 && random.nextBoolean()) {
            ArrayNode array = (ArrayNode) node;
            int index = random.nextInt(array.size());
            array.set(index, mutate(array.get(index), depth + 1));
            return array;
        }
        return randomValue();
    }

    private String randomKey() {
        String[] keys = {
            "email",
            "id",
            "title",
            "counter",
            "posts",
            "profile",
            "tags",
            "author",
            "connect",
            "create",
            "set",
            "increment",
            "where",
            "data",
            "x",
            "$type",
            "settings",
            "authorId",
            "views",
            "name",
            "parent",
            "children",
            "disconnect",
            "delete",
            "upsert"
        };
        return keys[random.nextInt(keys.length)];
    }

    private JsonNode randomValue() {
        switch (random.nextInt(12)) {
            case 0:
                return NODES.nullNode();
            case 1:
                return NODES.numberNode(random.nextInt(2000) - 1000);
            case 2:
                return NODES.numberNode(new BigDecimal("1e400"));
            case 3:
                return NODES.textNode(randomText());
            case 4:
                return NODES.booleanNode(random.nextBoolean());
            case 5:
                return NODES.arrayNode().add(randomValue());
            case 6:
                return NODES.objectNode().set(randomKey(), randomValue());
            case 7:
                return NODES.numberNode(1.5);
            case 8:
                return NODES.textNode("base@x.io");
            case 9:
                return NODES.objectNode().put("$type", random.nextBoolean() ? "DbNull" : "JsonNull");
            case 10:
                return NODES.numberNode(Long.MAX_VALUE);
            default:
                return NODES.objectNode();
        }
    }

    private String randomText() {
        String[] texts = {
            "",
            "{",
            "[]",
            "null",
            "\"x\"",
            "{\"data\":",
            "{\"data\":{}}",
            "\u0000",
            "x'); DROP TABLE \"User\"; --",
            "{\"a\":1,\"a\":2}",
            "9".repeat(500)
        };
        return texts[random.nextInt(texts.length)];
    }
}
