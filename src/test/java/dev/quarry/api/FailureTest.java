package dev.quarry.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.exec.DatabaseAvailability;
import dev.quarry.query.exec.SessionRefused;
import dev.quarry.query.exec.StreamTimedOut;
import dev.quarry.query.write.WriteError;
import dev.quarry.security.TokenRejected;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The one mapping of failures to problem documents and headers, without a server or a database. */
class FailureTest {

    private static final Map<String, String> RETRY_LATER =
            Map.of("Retry-After", String.valueOf(DatabaseAvailability.RETRY_AFTER_SECONDS));

    @Test
    void everyCodeRendersWithItsTableEntry() {
        for (ErrorCode code : ErrorCode.values()) {
            Failure failure = new Failure.Refused(code, "what happened", Map.of("k", "v"));
            Problem p = failure.problem();
            assertEquals(
                    new Problem(
                            code.type(), code.title(), code.status(), "what happened", code.code(), Map.of("k", "v")),
                    p);
            assertEquals(code.retryLater() ? RETRY_LATER : Map.of(), failure.headers());
        }
    }

    @Test
    void aBadArgumentNamesWhereAndWhatIsAllowed() {
        Failure failure = Failure.of(new CompletionException(
                QueryErrors.wrongType(ArgPath.of("filter").key("id"), "a String")));
        Problem p = failure.problem();
        assertEquals(ErrorCode.WRONG_TYPE.code(), p.code());
        assertEquals(400, p.status());
        assertEquals(
                List.of("parameter", "path", "allowed"), List.copyOf(p.meta().keySet()));
        assertEquals("filter", p.meta().get("parameter"));
        assertEquals(List.of("a String"), p.meta().get("allowed"));
    }

    @Test
    void aWriteErrorKeepsItsCodeMessageAndMeta() {
        Failure failure = Failure.of(new WriteError(
                        ErrorCode.UNIQUE_VIOLATION,
                        "Unique constraint failed on the fields: (email)",
                        Map.of("target", List.of("email")))
                .exception());
        assertEquals(
                new Problem(
                        "https://quarry.dev/problems/P2002",
                        "Conflict",
                        409,
                        "Unique constraint failed on the fields: (email)",
                        "P2002",
                        Map.of("target", List.of("email"))),
                failure.problem());
    }

    @Test
    void aRefusedTokenIsA401WithItsChallenge() {
        Failure expired = Failure.of(new TokenRejected(TokenRejected.Reason.EXPIRED));
        assertEquals(401, expired.problem().status());
        assertEquals("https://quarry.dev/problems/Q401", expired.problem().type());
        assertEquals(Map.of("reason", "token-expired"), expired.problem().meta());
        assertEquals(
                "Bearer realm=\"quarry\", error=\"invalid_token\", error_description=\"The token has " + "expired\"",
                expired.headers().get("WWW-Authenticate"));
        assertEquals(
                "Bearer realm=\"quarry\"",
                Failure.of(new TokenRejected(TokenRejected.Reason.MISSING))
                        .headers()
                        .get("WWW-Authenticate"));
    }

    @Test
    void aRoleTheDatabaseRefuses() {
        Failure unknown = Failure.of(
                new SessionRefused("ghost", new PgException("role \"ghost\" does not exist", "ERROR", "22023", null)));
        assertInstanceOf(Failure.Unauthenticated.class, unknown);
        assertEquals("token-invalid", unknown.problem().meta().get("reason"));
        Failure notGranted = Failure.of(
                new SessionRefused("app", new PgException("permission denied to set role", "ERROR", "42501", null)));
        assertEquals(403, notGranted.problem().status());
        assertEquals(Map.of("reason", "role-not-granted"), notGranted.problem().meta());
    }

    @Test
    void databaseErrorsOfAReadBySqlState() {
        Problem denied = Failure.of(
                        new PgException("new row violates row-level security policy", "ERROR", "42501", null))
                .problem();
        assertEquals("Q403", denied.code());
        assertEquals("A row-level security policy of the database refused this request", denied.detail());
        Failure timeout =
                Failure.of(new PgException("canceling statement due to statement timeout", "ERROR", "57014", null));
        assertEquals("Q503", timeout.problem().code());
        assertEquals(Map.of("reason", "statement-timeout"), timeout.problem().meta());
        assertEquals(RETRY_LATER, timeout.headers());
        Problem refused = Failure.of(new PgException("invalid input syntax for type integer", "ERROR", "22P02", null))
                .problem();
        assertEquals(
                new Problem(
                        "https://quarry.dev/problems/Q112",
                        "Invalid value",
                        400,
                        "The database refused a value: invalid input syntax for type integer",
                        "Q112",
                        Map.of("sqlState", "22P02")),
                refused);
        assertEquals(
                "Q112",
                Failure.of(new PgException("syntax error in tsquery: \"a &\"", "ERROR", "42601", null))
                        .problem()
                        .code());
        Failure down = Failure.of(
                new PgException("terminating connection due to administrator command", "FATAL", "57P01", null));
        assertEquals("Q503", down.problem().code());
        assertEquals(RETRY_LATER, down.headers());
    }

    @Test
    void anythingElseIsAnInternalErrorThatSaysNothing() {
        Problem p = Failure.of(new IllegalStateException("secret detail")).problem();
        assertEquals(
                new Problem(
                        "https://quarry.dev/problems/Q500",
                        "Internal error",
                        500,
                        "The server failed to answer this request.",
                        "Q500",
                        Map.of()),
                p);
        Problem syntax = Failure.of(new PgException("syntax error at or near \"SELEC\"", "ERROR", "42601", null))
                .problem();
        assertEquals(500, syntax.status());
        assertFalse(syntax.toString().contains("SELEC"));
    }

    @Test
    void aStreamTimeoutAndARecordOfAnImport() {
        Problem stream = Failure.of(new StreamTimedOut(Duration.ofMillis(1500))).problem();
        assertEquals(
                new Problem(
                        "https://quarry.dev/problems/Q161",
                        "Stream timeout",
                        503,
                        "The stream ran longer than its timeout of 1500 ms (quarry.stream.timeout)",
                        "Q161",
                        Map.of("timeoutMs", 1500L)),
                stream);
        Failure line = new Failure.AtLine(Failure.of(QueryErrors.bulkLineNotObject("not an object")), 7);
        assertEquals("line 7: ", line.problem().detail().substring(0, 8));
        assertEquals(7, line.problem().meta().get("line"));
        assertEquals("Q170", line.problem().code());
    }
}
