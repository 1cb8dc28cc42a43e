package dev.quarry.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A partial unique index ({@code @@unique([email], where: { deletedAt: null })}) through the API: live rows cannot
 * share an email (Prisma's P2002 as a 409), soft-deleted ones do, and, as in Prisma Client 7, the field stays a
 * unique criterion of {@code findUnique} and {@code upsert}.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema/partial-indexes/api.prisma"),
            @ResourceArg(name = "sql", value = "schema/partial-indexes/api-seed.sql"),
            @ResourceArg(name = "purpose", value = "PartialUniqueApiTest")
        })
class PartialUniqueApiTest {

    @Test
    void liveRowsCannotShareAnEmailSoftDeletedOnesDo() {
        given().contentType("application/json")
                .body("{\"data\": {\"id\": 4, \"email\": \"ann@x\", \"deletedAt\": \"2026-03-01T00:00:00Z\"}}")
                .post("/api/rpc/member/create")
                .then()
                .statusCode(200)
                .body("id", equalTo(4));
        given().contentType("application/json")
                .body("{\"data\": {\"id\": 5, \"email\": \"bob@x\"}}")
                .post("/api/rpc/member/create")
                .then()
                .statusCode(409)
                .body("code", equalTo("P2002"));
        given().contentType("application/json")
                .body("{\"where\": {\"email\": \"bob@x\"}}")
                .post("/api/rpc/member/findUnique")
                .then()
                .statusCode(200)
                .body("id", equalTo(3));
        // three soft-deleted rows share ann@x: like Prisma's, the read names one of them, never a 500
        given().contentType("application/json")
                .body("{\"where\": {\"email\": \"ann@x\"}}")
                .post("/api/rpc/member/findUnique")
                .then()
                .statusCode(200)
                .body("email", equalTo("ann@x"));
        given().contentType("application/json")
                .body("{\"where\": {\"email\": \"cat@x\"}, \"create\": {\"id\": 6, \"email\": "
                        + "\"cat@x\"}, \"update\": {}}")
                .post("/api/rpc/member/upsert")
                .then()
                .statusCode(200)
                .body("id", equalTo(6));
    }
}
