package dev.quarry.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * With {@code quarry.studio.enabled=true}: the page, its script, the diagram and the schema description are served
 * from the jar.
 */
@QuarkusTest
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "sql", value = "studio/blog-10000.sql"),
            @ResourceArg(name = "purpose", value = "StudioBrowserTest")
        })
@WithTestResource(StudioOn.class)
class StudioRoutesTest {

    @Test
    void thePageAndWhatItDrawsOnAreServed() {
        given().redirects()
                .follow(false)
                .get("/studio")
                .then()
                .statusCode(302)
                .header("Location", containsString("/studio/"));
        given().get("/studio/")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .body(containsString("<title>Quarry Studio</title>"));
        given().get("/studio/studio.js").then().statusCode(200).body(containsString("findMany"));
        given().get("/studio/diagram.svg")
                .then()
                .statusCode(200)
                .contentType(containsString("image/svg+xml"))
                .body(containsString("data-model=\"User\""), containsString("data-model=\"Post\""));
        given().get("/studio/schema.json")
                .then()
                .statusCode(200)
                .body("models.name", hasItems("User", "Post"))
                .body("models[0].route", equalTo("users"))
                .body("models[0].id", hasItems("id"))
                .body("models[0].fields.find { it.name == 'posts' }.back", equalTo("author"))
                .body("models[0].fields.find { it.name == 'posts' }.list", equalTo(true));
    }
}
