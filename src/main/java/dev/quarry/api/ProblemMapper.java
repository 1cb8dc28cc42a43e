package dev.quarry.api;

import dev.quarry.query.QueryError;
import dev.quarry.query.QueryException;
import dev.quarry.runtime.ops.DatabaseAvailability;
import dev.quarry.query.exec.DatabaseErrors;
import dev.quarry.query.exec.SessionRefused;
import dev.quarry.query.exec.StreamTimedOut;
import dev.quarry.query.write.WriteError;
import dev.quarry.security.TokenRejected;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become HTTP: a client mistake in the arguments ({@link QueryException}) is a 400 naming
 * the parameter, the path and what is allowed; database errors map by SQLSTATE; anything else is a 500 that says
 * nothing about the server's insides (logged here with its stack trace instead).
 */
public class ProblemMapper {

    static final String TYPE_BASE = "https://quarry.dev/problems/";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response query(QueryException e) {
        QueryError error = e.error();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("parameter", error.parameter());
        meta.put("path", error.path());
        meta.put("allowed", error.allowed());
        return respond(new Problem(TYPE_BASE + error.code(), "Invalid query argument", 400, error.message(), error.code(), meta), Optional.empty());
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return respond(e.problem(), Optional.empty());
    }

    /**
     * A refused token: 401 with RFC 6750's {@code WWW-Authenticate} ({@code invalid_token} and the reason; no
     * error code when no token was sent). {@code meta.reason} tells the cases apart.
     */
    @ServerExceptionMapper
    public Response token(TokenRejected e) {
        String challenge = e.reason() == TokenRejected.Reason.MISSING
                ? "Bearer realm=\"quarry\""
                : "Bearer realm=\"quarry\", error=\"invalid_token\", error_description=\"" + e.detail().replace("\"", "'") + "\"";
        Problem problem = new Problem(TYPE_BASE + e.reason().code(), "Unauthorized", 401, e.detail(), "Q401", Map.of("reason", e.reason().code()));
        return Response.fromResponse(respond(problem, Optional.empty())).header("WWW-Authenticate", challenge).build();
    }

    /**
     * The database refused the token's role. A role it does not know is the token's fault (401, as PostgREST
     * answers); a role the connecting user may not take is a missing {@code GRANT role TO authenticator} (403).
     */
    @ServerExceptionMapper
    public Response session(SessionRefused e) {
        if (e.unknownRole()) {
            return token(new TokenRejected(TokenRejected.Reason.INVALID, "The token's role " + e.role() + " does not exist in the database"));
        }
        return respond(new Problem(TYPE_BASE + "Q403", "Forbidden", 403,
                "The service may not act as the token's role " + e.role() + " (GRANT " + e.role() + " TO the connecting user)", "Q403",
                Map.of("reason", "role-not-granted")), Optional.empty());
    }

    @ServerExceptionMapper
    public Response database(PgException e) {
        String state = e.getSqlState() == null ? "" : e.getSqlState();
        if (state.equals("42501")) {
            WriteError denied = DatabaseErrors.forbidden(e);
            return respond(new Problem(TYPE_BASE + "Q403", "Forbidden", 403, denied.message().replace("write", "request"), "Q403", denied.meta()), Optional.empty());
        }
        if (state.equals("57014")) {
            WriteError timeout = DatabaseErrors.statementTimeout();
            return respond(new Problem(TYPE_BASE + "statement-timeout", "Statement timeout", 503, timeout.message(), "Q503", timeout.meta()),
                    Optional.of(String.valueOf(DatabaseAvailability.RETRY_AFTER_SECONDS)));
        }
        if (DatabaseAvailability.isUnavailable(e)) {
            return unavailable(state + " " + e.getErrorMessage());
        }
        if (state.startsWith("22") || (state.equals("42601") && String.valueOf(e.getErrorMessage()).contains("tsquery"))) {
            // a value the database refused after planning accepted it (a full-text query's syntax, an overflow in
            // arithmetic)
            return respond(new Problem(TYPE_BASE + "Q112", "Invalid value", 400, "The database refused a value: " + e.getErrorMessage(), "Q112",
                    Map.of("sqlState", state)), Optional.empty());
        }
        LOG.errorf(e, "database error %s", state);
        return internal();
    }

    /**
     * A stream that ran past {@code quarry.stream.timeout} (reported as its last line: the status was sent with the
     * first).
     */
    @ServerExceptionMapper
    public Response streamTimedOut(StreamTimedOut e) {
        return respond(new Problem(TYPE_BASE + "Q161", "Stream timeout", 503, e.getMessage() + " (quarry.stream.timeout)", "Q161",
                Map.of("timeoutMs", e.timeout().toMillis())), Optional.empty());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return internal();
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(new Problem(TYPE_BASE + status, title, status, title, "Q" + status, Map.of()), Optional.empty());
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            if (cause instanceof QueryException q) {
                return query(q);
            }
            if (cause instanceof TokenRejected t) {
                return token(t);
            }
            if (cause instanceof SessionRefused r) {
                return session(r);
            }
            cause = cause.getCause();
        }
        if (cause instanceof TokenRejected t) {
            return token(t);
        }
        if (cause instanceof SessionRefused r) {
            return session(r);
        }
        if (cause instanceof QueryException q) {
            return query(q);
        }
        if (cause instanceof StreamTimedOut t) {
            return streamTimedOut(t);
        }
        if (cause instanceof PgException pg) {
            return database(pg);
        }
        if (DatabaseAvailability.isUnavailable(e)) {
            return unavailable(cause.toString());
        }
        LOG.error("request failed", e);
        return internal();
    }

    /** The database is down, restarting or out of connections: worth another try, here or on another instance. */
    private static Response unavailable(String reason) {
        LOG.warnf("database unavailable: %s", reason);
        return respond(new Problem(TYPE_BASE + "database-unavailable", "Database unavailable", 503,
                "The database is unreachable or overloaded; retry later.", "Q503", Map.of()),
                Optional.of(String.valueOf(DatabaseAvailability.RETRY_AFTER_SECONDS)));
    }

    private static Response internal() {
        return respond(new Problem(TYPE_BASE + "internal", "Internal error", 500, "The server failed to answer this request.", "Q500", Map.of()),
                Optional.empty());
    }

    private static Response respond(Problem problem, Optional<String> retryAfter) {
        Response.ResponseBuilder r = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).header("Cache-Control", "no-store");
        retryAfter.ifPresent(s -> r.header("Retry-After", s));
        return r.build();
    }
}
