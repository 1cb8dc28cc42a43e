package dev.quarry.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.quarry.query.exec.DatabaseAvailability;
import dev.quarry.testsupport.DocumentedAnswers;
import dev.quarry.testsupport.FreshDatabase;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bearer tokens through the real server in jwt mode, trusting an inline JWK set (RS256 and ES256) with an issuer,
 * an audience and 5 s of clock skew: each way a token can be wrong is a 401 that says which, with RFC 6750's
 * challenge; no token runs as the anonymous role; the statement timeout holds per request.
 */
@QuarkusTest
@ExtendWith(DocumentedAnswers.Checked.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "schema.prisma"),
            @ResourceArg(name = "purpose", value = "tokens")
        })
@WithTestResource(
        value = JwtMode.class,
        initArgs = {
            @ResourceArg(name = "anonymous-role", value = "quarry_anon"),
            @ResourceArg(name = "statement-timeout", value = "1s")
        })
class TokenAuthenticationTest {

    @BeforeAll
    void database() {
        BlogDatabase.seedWithHandWrittenPolicies(FreshDatabase.current());
    }

    @Test
    void validTokensOfBothAlgorithmsAreAccepted() {
        given().auth()
                .oauth2(TestKeys.user("u_alice"))
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        given().auth()
                .oauth2(TestKeys.es256(TestKeys.claims(Map.of("role", "quarry_user", "id", "u_bob"))))
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        given().auth()
                .oauth2(TestKeys.admin())
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(4));
    }

    @Test
    void withoutATokenTheAnonymousRoleApplies() {
        given().get("/api/posts").then().statusCode(200).body("$", hasSize(2));
    }

    @Test
    void expired() {
        String token = TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_user"))
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(60)));
        refused(token, "token-expired").body("detail", containsString("expired"));
    }

    @Test
    void expiredWithinTheClockSkewIsStillAccepted() {
        String token = TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_user", "id", "u_alice"))
                .issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(2)));
        given().auth().oauth2(token).get("/api/posts").then().statusCode(200);
    }

    /** A verified token is kept (quarry.auth.token-cache-max-age) no longer than the verifier would accept it. */
    @Test
    void aTokenKeptAsVerifiedIsRefusedOnceItExpires() throws InterruptedException {
        Instant expiry = Instant.now().plusSeconds(1);
        String token = TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_user", "id", "u_alice"))
                .issuedAt(Instant.now().minusSeconds(60))
                .expiresAt(expiry));
        given().auth().oauth2(token).get("/api/posts").then().statusCode(200);
        given().auth().oauth2(token).get("/api/posts").then().statusCode(200);
        // past the expiry and the test's clock skew of 5 s
        Thread.sleep(Math.max(
                0, Duration.between(Instant.now(), expiry.plusSeconds(6)).toMillis()));
        refused(token, "token-expired");
    }

    @Test
    void notYetValid() {
        String token = TestKeys.rs256(TestKeys.claims(Map.of(
                "role", "quarry_user", "nbf", Instant.now().plusSeconds(120).getEpochSecond())));
        refused(token, "token-not-yet-valid").body("detail", containsString("not valid yet"));
    }

    @Test
    void issuedInTheFuture() {
        String token = TestKeys.rs256(TestKeys.claims(Map.of("role", "quarry_user"))
                .issuedAt(Instant.now().plusSeconds(120)));
        refused(token, "token-not-yet-valid").body("detail", containsString("iat"));
    }

    @Test
    void issuedAtIsRequiredAndMayBeAheadOnlyByTheClockSkew() {
        long now = Instant.now().getEpochSecond();
        String claims = "\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":\"" + TestKeys.AUDIENCE
                + "\",\"role\":\"quarry_user\",\"id\":\"u_alice\",\"exp\":" + (now + 300);
        refused(signed("{" + claims + "}"), "token-invalid").body("detail", containsString("no issue time (iat)"));
        given().auth()
                .oauth2(signed("{" + claims + ",\"iat\":" + now + "}"))
                .get("/api/posts")
                .then()
                .statusCode(200)
                .body("$", hasSize(3));
        given().auth()
                .oauth2(signed("{" + claims + ",\"iat\":" + (now + 2) + "}"))
                .get("/api/posts")
                .then()
                .statusCode(200);
        refused(signed("{" + claims + ",\"iat\":" + (now + 60) + "}"), "token-not-yet-valid")
                .body("detail", containsString("issued (iat) in the future"));
    }

    /** Claims exactly as given (SmallRye's builder adds iat), signed RS256 with the trusted key. */
    private static String signed(String claimsJson) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claimsJson);
        jws.setKey(TestKeys.RSA.getPrivate());
        jws.setKeyIdHeaderValue("rsa");
        jws.setAlgorithmHeaderValue("RS256");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void wrongIssuer() {
        refused(
                        TestKeys.rs256(
                                TestKeys.claims(Map.of("role", "quarry_user")).issuer("https://evil.test")),
                        "token-issuer")
                .body("detail", containsString("issuer"));
    }

    @Test
    void wrongAudience() {
        refused(
                        TestKeys.rs256(
                                TestKeys.claims(Map.of("role", "quarry_user")).audience("another-api")),
                        "token-audience")
                .body("detail", containsString("audience"));
    }

    @Test
    void badSignature() {
        refused(TestKeys.strangerRs256(TestKeys.claims(Map.of("role", "quarry_admin"))), "token-signature")
                .body("detail", containsString("signature"));
        String valid = TestKeys.user("u_alice");
        String tampered =
                valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA" + valid.substring(valid.lastIndexOf('.') + 5);
        refused(tampered, "token-signature");
    }

    @Test
    void unsignedAlgNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String claims =
                b64("{\"role\":\"quarry_admin\",\"iss\":\"" + TestKeys.ISSUER + "\",\"aud\":\"" + TestKeys.AUDIENCE
                        + "\",\"exp\":" + Instant.now().plusSeconds(300).getEpochSecond() + "}");
        refused(header + "." + claims + ".", "token-unsigned").body("detail", containsString("alg: none"));
        refused(header + "." + claims + "." + b64("x"), "token-unsigned");
    }

    @Test
    void algorithmNotAccepted() {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        refused(header + "." + b64("{\"role\":\"quarry_admin\"}") + "." + b64("sig"), "token-algorithm")
                .body("detail", containsString("HS256"));
    }

    @Test
    void malformed() {
        refused("not-a-token", "token-malformed");
        refused("a.b", "token-malformed");
        refused("%%%.###.@@@", "token-malformed");
        refused(b64("[1]") + "." + b64("{}") + ".sig", "token-malformed");
        given().header("Authorization", "Basic dXNlcjpwYXNz")
                .get("/api/posts")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("meta.reason", equalTo("token-malformed"));
    }

    @Test
    void aRoleTheDatabaseDoesNotKnowIsRefused() {
        refused(TestKeys.rs256(TestKeys.claims(Map.of("role", "no_such_role_anywhere"))), "token-invalid")
                .body("detail", containsString("no_such_role_anywhere"));
        given().auth()
                .oauth2(TestKeys.rs256(TestKeys.claims(Map.of("role", "no_such_role_anywhere"))))
                .contentType("application/json")
                .body("{\"title\":\"t\",\"body\":\"b\",\"authorId\":\"u_alice\"}")
                .post("/api/posts")
                .then()
                .statusCode(401)
                .body("meta.reason", equalTo("token-invalid"));
    }

    @Test
    void theStatementTimeoutHoldsPerRequest() {
        String before = BlogDatabase.checksum(FreshDatabase.current());
        given().auth()
                .oauth2(TestKeys.user("u_alice"))
                .contentType("application/json")
                .body("{\"title\":\"slow post\",\"body\":\"b\",\"authorId\":\"u_alice\"}")
                .post("/api/posts")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", String.valueOf(DatabaseAvailability.RETRY_AFTER_SECONDS))
                .body("meta.reason", equalTo("statement-timeout"))
                .body("detail", containsString("statement timeout"));
        Assertions.assertEquals(before, BlogDatabase.checksum(FreshDatabase.current()));
    }

    /** Reported, not asserted: a findUnique by id in jwt mode, with a token and anonymously. */
    @Test
    void measureFindUniqueCost() {
        String token = TestKeys.user("u_alice");
        ModeCost.report(
                "jwt mode, with a token",
                () -> given().auth()
                        .oauth2(token)
                        .get("/api/posts/p_alice_pub")
                        .then()
                        .statusCode(200));
        ModeCost.report(
                "jwt mode, anonymous",
                () -> given().get("/api/posts/p_alice_pub").then().statusCode(200));
    }

    private static ValidatableResponse refused(String token, String reason) {
        return given().auth()
                .oauth2(token)
                .get("/api/posts")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .header(
                        "WWW-Authenticate",
                        startsWith("Bearer realm=\"quarry\", error=\"invalid_token\", error_description="))
                .body("status", equalTo(401))
                .body("code", equalTo("Q401"))
                .body("meta.reason", equalTo(reason))
                .body("type", equalTo("https://quarry.dev/problems/Q401"));
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
