package dev.quarry.api.write;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.api.parity.ErrorKind;
import dev.quarry.api.parity.PrismaPeer;
import dev.quarry.runtime.DatabaseUrl;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import dev.quarry.testsupport.Tools;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The same write arguments, in the same order, to Quarry and to Prisma Client 7 (the generic peer), each on its own
 * fresh database with the same DDL: the same returned records, the same errors, and the same final state.
 * Generated values (cuids, timestamps) are masked; autoincrement ids line up because both run the same sequence.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "WriteParityTest")
        }) // a database of its own: classes with equal resources would share one
class WriteParityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[][] CASES = {
        {
            "user",
            "create",
            "{\"data\":{\"email\":\"ann@x.io\",\"name\":\"Ann\",\"tags\":[\"a\"],\"settings\":{\"k\":[1,"
                    + "2]},"
                    + "\"posts\":{\"create\":[{\"title\":\"p1\"},{\"title\":\"p2\"}]},"
                    + "\"profile\":{\"create\":{\"bio\":\"hi\"}}},"
                    + "\"include\":{\"posts\":{\"orderBy\":{\"title\":\"asc\"}},\"profile\":true}}"
        },
        {"user", "create", "{\"data\":{\"email\":\"bob@x.io\"},\"omit\":{\"settings\":true}}"},
        {
            "post",
            "create",
            "{\"data\":{\"title\":\"p3\",\"author\":{\"connect\":{\"email\":\"bob@x.io\"}},"
                    + "\"tags\":{\"connectOrCreate\":[{\"where\":{\"name\":\"t1\"},\"create\":{\"name\":\"t1\"}},"
                    + "{\"where\":{\"name\":\"t2\"},\"create\":{\"name\":\"t2\"}}]}},"
                    + "\"include\":{\"tags\":{\"orderBy\":{\"name\":\"asc\"}},"
                    + "\"author\":{\"select\":{\"email\":true}}}}"
        },
        {
            "user",
            "update",
            "{\"where\":{\"email\":\"ann@x.io\"},\"data\":{\"counter\":{\"increment\":5},"
                    + "\"score\":{\"multiply\":2},\"tags\":{\"push\":[\"b\",\"c\"]},"
                    + "\"posts\":{\"createMany\":{\"data\":[{\"title\":\"p4\"},{\"title\":\"p5\",\"views\":3}]},"
                    + "\"updateMany\":{\"where\":{\"title\":\"p1\"},\"data\":{\"views\":{\"increment\":2}}}}},"
                    + "\"include\":{\"posts\":{\"orderBy\":{\"title\":\"asc\"}},\"_count\":true}}"
        },
        {
            "post",
            "update",
            "{\"where\":{\"id\":3},\"data\":{\"tags\":{\"set\":[{\"name\":\"t2\"}]},"
                    + "\"author\":{\"disconnect\":true}},\"include\":{\"tags\":true,\"author\":true}}"
        },
        {
            "user",
            "upsert",
            "{\"where\":{\"email\":\"bob@x.io\"},\"create\":{\"email\":\"bob@x.io\"},"
                    + "\"update\":{\"name\":\"Bob\",\"counter\":{\"decrement\":1}},\"select\":{\"name\":true,"
                    + "\"counter\":true}}"
        },
        {
            "user",
            "upsert",
            "{\"where\":{\"email\":\"cat@x.io\"},\"create\":{\"email\":\"cat@x.io\","
                    + "\"profile\":{\"create\":{\"bio\":\"meow\"}}},\"update\":{},\"include\":{\"profile\":true}}"
        },
        {
            "post",
            "updateMany",
            "{\"where\":{\"title\":{\"in\":[\"p4\",\"p5\"]}},\"data\":{\"views\":{\"increment\":10}}}"
        },
        {"tag", "createMany", "{\"data\":[{\"name\":\"t2\"},{\"name\":\"t3\"}],\"skipDuplicates\":true}"},
        {"tag", "createManyAndReturn", "{\"data\":[{\"name\":\"t4\"},{\"name\":\"t5\"}],\"select\":{\"name\":true}}"},
        {
            "user",
            "update",
            "{\"where\":{\"email\":\"cat@x.io\"},\"data\":{\"posts\":{\"connect\":[{\"id\":3}],"
                    + "\"create\":{\"title\":\"p6\",\"tags\":{\"connect\":{\"name\":\"t5\"}}}},"
                    + "\"profile\":{\"update\":{\"bio\":\"purr\"}}},"
                    + "\"include\":{\"posts\":{\"orderBy\":{\"id\":\"asc\"},\"include\":{\"tags\":true}},"
                    + "\"profile\":true}}"
        },
        {"post", "deleteMany", "{\"where\":{\"views\":{\"gte\":10}}}"},
        {
            "user",
            "delete",
            "{\"where\":{\"email\":\"ann@x.io\"},\"include\":{\"profile\":true,"
                    + "\"posts\":{\"orderBy\":{\"title\":\"asc\"}}}}"
        },
        {"user", "create", "{\"data\":{\"email\":\"bob@x.io\"}}"},
        {"user", "update", "{\"where\":{\"email\":\"nobody@x.io\"},\"data\":{\"name\":\"x\"}}"},
        {"post", "create", "{\"data\":{\"title\":\"bad\",\"author\":{\"connect\":{\"email\":\"nobody@x.io\"}}}}"},
        {
            "category",
            "create",
            "{\"data\":{\"name\":\"lang\",\"children\":{\"create\":[{\"name\":\"java\"},"
                    + "{\"name\":\"go\"}]}},"
                    + "\"include\":{\"children\":{\"orderBy\":{\"name\":\"asc\"}}}}"
        },
        {"category", "delete", "{\"where\":{\"name\":\"lang\"}}"},
        // a child breaking a unique constraint inside a create folded into one statement
        {
            "category",
            "create",
            "{\"data\":{\"name\":\"os\",\"children\":{\"create\":[{\"name\":\"linux\"}," + "{\"name\":\"os\"}]}}}"
        },
        {
            "post",
            "create",
            "{\"data\":{\"title\":\"folded\",\"author\":{\"connect\":{\"email\":\"bob@x.io\"}},"
                    + "\"comments\":{\"createMany\":{\"data\":[]}}},"
                    + "\"include\":{\"author\":{\"select\":{\"email\":true}}}}"
        },
        // P2014: a change that would leave a record without its required relation
        {
            "user",
            "create",
            "{\"data\":{\"email\":\"p14a@x.io\",\"profile\":{\"create\":{\"bio\":\"a\"}}},"
                    + "\"select\":{\"email\":true,\"profile\":true}}"
        },
        {
            "user",
            "create",
            "{\"data\":{\"email\":\"p14b@x.io\",\"profile\":{\"create\":{\"bio\":\"b\"}}},"
                    + "\"select\":{\"email\":true,\"profile\":true}}"
        },
        {"user", "create", "{\"data\":{\"email\":\"p14c@x.io\"},\"select\":{\"email\":true}}"},
        {
            "user",
            "update",
            "{\"where\":{\"email\":\"p14a@x.io\"},\"data\":{\"profile\":{\"create\":{\"bio\":\"second\"}}}}"
        },
        {
            "user",
            "update",
            "{\"where\":{\"email\":\"p14c@x.io\"},\"data\":{\"profile\":{\"connect\":{\"id\":3}}},"
                    + "\"select\":{\"email\":true,\"profile\":true}}"
        },
        {"user", "update", "{\"where\":{\"email\":\"p14b@x.io\"},\"data\":{\"profile\":{\"connect\":{\"id\":3}}}}"},
        {"user", "update", "{\"where\":{\"email\":\"p14b@x.io\"},\"data\":{\"profile\":{\"disconnect\":true}}}"},
        {"user", "update", "{\"where\":{\"email\":\"p14a@x.io\"},\"data\":{\"profile\":{\"disconnect\":true}}}"},
        {"profile", "update", "{\"where\":{\"id\":4},\"data\":{\"user\":{\"connect\":{\"email\":\"p14c@x.io\"}}}}"},
        {
            "profile",
            "update",
            "{\"where\":{\"id\":4},\"data\":{\"user\":{\"connect\":{\"email\":\"p14a@x.io\"}}},"
                    + "\"select\":{\"bio\":true,\"user\":{\"select\":{\"email\":true}}}}"
        },
        {
            "post",
            "create",
            "{\"data\":{\"title\":\"commented\",\"comments\":{\"create\":[{\"text\":\"x\","
                    + "\"user\":{\"connect\":{\"email\":\"p14a@x.io\"}}}]}},"
                    + "\"include\":{\"comments\":{\"select\":{\"text\":true}}}}"
        },
        {"post", "update", "{\"where\":{\"id\":8},\"data\":{\"comments\":{\"set\":[]}}}"},
        {"post", "update", "{\"where\":{\"id\":8},\"data\":{\"comments\":{\"disconnect\":{\"id\":1}}}}"},
        {
            "post",
            "update",
            "{\"where\":{\"id\":3},\"data\":{\"comments\":{\"set\":[{\"id\":1}]}},"
                    + "\"include\":{\"comments\":{\"select\":{\"text\":true}}}}"
        },
        {"post", "update", "{\"where\":{\"id\":8},\"data\":{\"comments\":{\"set\":[]}},\"include\":{\"comments\":true}}"
        },
        // updateManyAndReturn
        {
            "post",
            "updateManyAndReturn",
            "{\"where\":{\"title\":{\"in\":[\"folded\",\"commented\"]}},"
                    + "\"data\":{\"views\":{\"increment\":4}},"
                    + "\"select\":{\"title\":true,\"views\":true}}"
        },
        {
            "post",
            "updateManyAndReturn",
            "{\"where\":{\"title\":\"folded\"},\"data\":{\"title\":\"refolded\"},"
                    + "\"include\":{\"author\":{\"select\":{\"email\":true}}}}"
        },
        {"post", "updateManyAndReturn", "{\"where\":{\"title\":\"nothing\"},\"data\":{\"views\":1}}"},
        {
            "user",
            "updateManyAndReturn",
            "{\"where\":{\"email\":{\"startsWith\":\"p14\"}},\"data\":{\"counter\":{\"increment\":1}},"
                    + "\"omit\":{\"settings\":true},\"limit\":2}"
        },
        // $transaction with an isolation level
        {
            "$transaction",
            "",
            "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"create\","
                    + "\"args\":{\"data\":{\"name\":\"tx1\"}}},"
                    + "{\"delegate\":\"tag\",\"operation\":\"count\",\"args\":{}}],"
                    + "\"isolationLevel\":\"Serializable\"}"
        },
        {
            "$transaction",
            "",
            "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"create\","
                    + "\"args\":{\"data\":{\"name\":\"tx2\"}}},"
                    + "{\"delegate\":\"tag\",\"operation\":\"create\",\"args\":{\"data\":{\"name\":\"tx1\"}}}],"
                    + "\"isolationLevel\":\"RepeatableRead\"}"
        },
        {
            "$transaction",
            "",
            "{\"operations\":[{\"delegate\":\"tag\",\"operation\":\"findMany\","
                    + "\"args\":{\"where\":{\"name\":{\"startsWith\":\"tx\"}}}}],"
                    + "\"isolationLevel\":\"ReadCommitted\"}"
        },
        // cells of NestedWriteMatrixApiTest: verbs a shape does not have (validation errors on both sides), and a
        // few it has
        {"post", "create", "{\"data\":{\"title\":\"mx\",\"tags\":{\"createMany\":{\"data\":[{\"name\":\"mx-t\"}]}}}}"},
        {"user", "update", "{\"where\":{\"email\":\"bob@x.io\"},\"data\":{\"profile\":{\"set\":[]}}}"},
        {"profile", "update", "{\"where\":{\"id\":4},\"data\":{\"user\":{\"disconnect\":true}}}"},
        {"post", "update", "{\"where\":{\"id\":3},\"data\":{\"author\":{\"updateMany\":{\"where\":{},\"data\":{}}}}}"},
        {
            "post",
            "update",
            "{\"where\":{\"id\":3},\"data\":{\"author\":{\"upsert\":{\"create\":{\"email\":\"mx-up@x.io\"},"
                    + "\"update\":{\"name\":\"Up\"}}}},"
                    + "\"include\":{\"author\":{\"select\":{\"email\":true,\"name\":true}}}}"
        },
        {
            "user",
            "update",
            "{\"where\":{\"email\":\"cat@x.io\"},\"data\":{\"posts\":{\"updateMany\":{\"where\":{},"
                    + "\"data\":{\"views\":{\"increment\":1}}},"
                    + "\"deleteMany\":{\"title\":\"nothing\"}}},"
                    + "\"include\":{\"posts\":{\"orderBy\":{\"id\":\"asc\"}}}}"
        },
    };

    private static final String[][] FINAL_STATE = {
        {
            "user",
            "{\"orderBy\":{\"email\":\"asc\"},\"include\":{\"profile\":true,"
                    + "\"posts\":{\"orderBy\":{\"title\":\"asc\"}}}}"
        },
        {"post", "{\"orderBy\":{\"id\":\"asc\"},\"include\":{\"tags\":{\"orderBy\":{\"name\":\"asc\"}}}}"},
        {"tag", "{\"orderBy\":{\"name\":\"asc\"},\"include\":{\"_count\":true}}"},
        {"profile", "{\"orderBy\":{\"bio\":\"asc\"}}"},
        {"category", "{\"orderBy\":{\"name\":\"asc\"}}"},
        {"comment", "{\"orderBy\":{\"id\":\"asc\"}}"},
    };

    @Test
    void sameWritesGiveTheSameRecordsErrorsAndFinalState() throws Exception {
        Tools.require(
                PrismaPeer.unavailableReason().isEmpty(),
                () -> "Prisma write parity: " + PrismaPeer.unavailableReason().orElse(""));
        DatabaseUrl prismaDb = TestServer.createDatabase("write_parity_prisma");
        try {
            FreshDatabase.createTables(prismaDb, "write/shop.prisma");
            TestServer.execute(prismaDb, Files.readString(Path.of("src/test/resources/write/shop.sql")));
            try (PrismaPeer peer =
                    PrismaPeer.start(Path.of("src/test/resources/write/shop.prisma"), prismaDb.toPrismaUrl())) {
                List<String> differences = new ArrayList<>();
                List<String> refusedByBoth = new ArrayList<>();
                for (String[] c : CASES) {
                    compare(peer, c[0], c[1], c[2], differences, refusedByBoth);
                }
                for (String[] s : FINAL_STATE) {
                    compare(peer, s[0], "findMany", s[1], differences, refusedByBoth);
                }
                differences.forEach(System.out::println);
                System.out.printf(
                        "WRITE PARITY: %d operations and %d final-state reads, %d refused by both with the "
                                + "same "
                                + "kind of error %s, %d different%n",
                        CASES.length, FINAL_STATE.length, refusedByBoth.size(), refusedByBoth, differences.size());
                assertEquals(List.of(), differences);
                // the README's figures: 48 writes (16 of them refused by both, each with the same error) and the
                // final state
                assertEquals(List.of(48, 6, 16), List.of(CASES.length, FINAL_STATE.length, refusedByBoth.size()));
            }
        } finally {
            TestServer.dropDatabase(prismaDb);
        }
    }

    private static void compare(
            PrismaPeer peer,
            String delegate,
            String operation,
            String args,
            List<String> differences,
            List<String> refusedByBoth)
            throws Exception {
        String path = operation.isEmpty() ? "/rpc/" + delegate : "/rpc/" + delegate + "/" + operation;
        Response q = given().urlEncodingEnabled(false)
                .contentType("application/json")
                .body(args)
                .when()
                .post("/api" + path);
        HttpResponse<String> p = peer.post(path, args);
        String where = delegate + "." + operation + " " + args;
        if (q.statusCode() != 200 || p.statusCode() != 200) {
            Optional<String> quarryKind = ErrorKind.of(
                    q.statusCode(), JSON.readTree(q.asString()).path("code").asText());
            Optional<String> prismaKind = ErrorKind.of(
                    p.statusCode(), JSON.readTree(p.body()).path("code").asText());
            if (quarryKind.isEmpty() || !quarryKind.equals(prismaKind)) {
                differences.add("DIFF " + where + "\n  quarry " + q.statusCode() + " " + q.asString() + "\n  prisma "
                        + p.statusCode() + " " + p.body());
            } else {
                refusedByBoth.add(quarryKind.get());
            }
            return;
        }
        JsonNode quarry = masked(JSON.readTree(q.asString()));
        JsonNode prisma = masked(JSON.readTree(p.body()));
        if (!quarry.equals(prisma)) {
            differences.add("DIFF " + where + "\n  quarry " + quarry + "\n  prisma " + prisma);
        }
    }

    /** Generated values (cuids, timestamps) replaced by a marker; they cannot agree between two runs. */
    private static JsonNode masked(JsonNode node) {
        if (node.isTextual()) {
            String t = node.textValue();
            if (t.matches("c[0-9a-z]{24}") || t.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")) {
                return TextNode.valueOf("<generated>");
            }
            return node;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(n -> out.add(masked(n)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), masked(e.getValue()));
            }
            return out;
        }
        return node;
    }
}
