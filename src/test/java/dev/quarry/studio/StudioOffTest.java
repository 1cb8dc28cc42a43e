package dev.quarry.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Outside dev mode and the embedded database, with no {@code quarry.studio.enabled}, there is no Studio: every path
 * under it is a 404.
 */
@QuarkusTest
// only reads: it may share the service of the other classes on the plain example database
@WithTestResource(FreshDatabase.class)
class StudioOffTest {

    @Test
    void theStudioIsOffByDefault() {
        for (String path : new String[] {
            "/studio",
            "/studio/",
            "/studio/index.html",
            "/studio/studio.js",
            "/studio/diagram.svg",
            "/studio/schema.json"
        }) {
            given().redirects()
                    .follow(false)
                    .get(path)
                    .then()
                    .statusCode(404)
                    .body(containsString("quarry.studio.enabled"));
        }
        given().get("/api/users").then().statusCode(200);
    }
}
