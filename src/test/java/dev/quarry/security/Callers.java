package dev.quarry.security;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/**
 * Requests of the policy tests, with a JSON body: anonymous, as a user of the seed ({@link TestKeys#user}), as an
 * administrator.
 */
final class Callers {

    private Callers() {}

    static RequestSpecification anonymous() {
        return given().contentType("application/json");
    }

    static RequestSpecification as(String userId) {
        return given().auth().oauth2(TestKeys.user(userId)).contentType("application/json");
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestKeys.admin()).contentType("application/json");
    }
}
