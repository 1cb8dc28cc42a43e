package dev.quarry.generate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.generate.rich.Member;
import dev.quarry.generate.rich.Role;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/**
 * The typed Java layer and the HTTP API on one database: what the entities write, the API reads with the
 * same values, and what the API writes, the entities read back the same. The service serves the rich
 * schema, on the tables Prisma 7 creates for it.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "generate/rich.prisma"),
            @ResourceArg(name = "sql", value = "generate/rich.sql"),
            @ResourceArg(name = "ddl", value = "false")
        })
class EntitiesAndApiRoundTripTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BALANCE = "12345678901234567890.123456789012345678901234567891";

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void whatTheEntitiesWriteTheApiReads() throws Exception {
        Member member = new Member();
        member.setEmail("grace@example.com");
        member.setRole(Role.EDITOR);
        member.setRoles(new Role[] {Role.EDITOR, Role.READER});
        member.setKarma(9_007_199_254_740_993L);
        member.setBalance(new BigDecimal(BALANCE));
        member.setRating(4.25);
        member.setAvatar(new byte[] {0, 1, 2, (byte) 0xff});
        member.setSettings("{\"theme\": \"dark\", \"sizes\": [1, 2.5]}");
        member.setTags(new String[] {"navy", "cobol"});
        member.setScores(new Integer[] {3, 1, 4});
        sessions.withTransaction(session -> session.persist(member)).await().atMost(TIMEOUT);

        JsonNode read = JSON.readTree(given().get("/api/members/" + member.getId())
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals("grace@example.com", read.get("email").asText());
        assertEquals(
                "EDITOR", read.get("role").asText(), "the API speaks the schema's enum names, the database their @map");
        assertEquals(JSON.readTree("[\"EDITOR\", \"READER\"]"), read.get("roles"));
        assertEquals("9007199254740993", read.get("karma").asText(), "BigInt as a string, every digit");
        assertEquals(
                0,
                new BigDecimal(BALANCE)
                        .compareTo(new BigDecimal(read.get("balance").asText())),
                "Decimal, every digit");
        assertEquals(4.25, read.get("rating").asDouble());
        assertEquals(
                Base64.getEncoder().encodeToString(member.getAvatar()),
                read.get("avatar").asText());
        assertEquals(JSON.readTree(member.getSettings()), read.get("settings"));
        assertEquals(JSON.readTree("[\"navy\", \"cobol\"]"), read.get("tags"));
        assertEquals(JSON.readTree("[3, 1, 4]"), read.get("scores"));
        assertEquals(
                member.getJoinedAt().toString().substring(0, 19),
                read.get("joinedAt").asText().substring(0, 19),
                "DateTime in UTC on both sides");
    }

    @Test
    void whatTheApiWritesTheEntitiesRead() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"email\":\"ada@example.com\",\"role\":\"ADMIN\",\"roles\":[\"READER\",\"EDITOR\"],"
                        + "\"karma\":\"9007199254740993\","
                        + "\"balance\":\"" + BALANCE
                        + "\",\"rating\":0.5,\"avatar\":\"AAEC/w==\",\"settings\":{\"a\":[1,{\"b\":null}]},"
                        + "\"tags\":[\"x\",\"y\"],\"scores\":[7]}")
                .post("/api/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        Member member = sessions.withSession(session -> session.find(Member.class, id))
                .await()
                .atMost(TIMEOUT);
        assertEquals("ada@example.com", member.getEmail());
        assertEquals(Role.ADMIN, member.getRole());
        assertArrayEquals(new Role[] {Role.READER, Role.EDITOR}, member.getRoles());
        assertEquals(9_007_199_254_740_993L, member.getKarma());
        assertEquals(0, new BigDecimal(BALANCE).compareTo(member.getBalance()));
        assertEquals(0.5, member.getRating());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, member.getAvatar());
        assertEquals(readTree("{\"a\":[1,{\"b\":null}]}"), readTree(member.getSettings()));
        assertArrayEquals(new String[] {"x", "y"}, member.getTags());
        assertArrayEquals(new Integer[] {7}, member.getScores());
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
