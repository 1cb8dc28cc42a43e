package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON text PostgreSQL writes is sent as its UTF-8 bytes ({@link JsonTextWriter}): characters beyond ASCII
 * arrive whole, and the declared length is the length in bytes.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "JsonTextAnswersApiTest")
        })
class JsonTextAnswersApiTest {

    private static final String NAME = "Zoë Ünïcödé 😀 中文";

    @Test
    void readsAndWritesAreSentAsTheirUtf8Bytes() {
        Response created = given().contentType(ContentType.JSON)
                .body(Map.of("email", "zoe@example.com", "name", NAME))
                .post("/api/users");
        assertEquals(201, created.statusCode(), created.asString());
        checkBytes(created);
        String id = created.jsonPath().getString("id");

        Response read = given().get("/api/users/" + id);
        assertEquals(200, read.statusCode(), read.asString());
        checkBytes(read);

        Response list = given().queryParam("filter[email]", "zoe@example.com").get("/api/users");
        assertEquals(200, list.statusCode(), list.asString());
        checkBytes(list);
        assertTrue(new String(list.asByteArray(), StandardCharsets.UTF_8).startsWith("["));
    }

    private static void checkBytes(Response response) {
        byte[] body = response.asByteArray();
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals(String.valueOf(body.length), response.header("Content-Length"));
        assertTrue(new String(body, StandardCharsets.UTF_8).contains(NAME), () -> response.asString());
    }
}
