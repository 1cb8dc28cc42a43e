package dev.quarry.api;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.QueryError;
import dev.quarry.query.QueryException;
import dev.quarry.query.exec.DatabaseAvailability;
import dev.quarry.query.exec.DatabaseErrors;
import dev.quarry.query.exec.SessionRefused;
import dev.quarry.query.exec.SqlCondition;
import dev.quarry.query.exec.StreamTimedOut;
import dev.quarry.query.write.WriteError;
import dev.quarry.query.write.WriteException;
import dev.quarry.security.TokenRejected;
import io.vertx.pgclient.PgException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Every way a request can end in an error, as data, and the one mapping of each to its problem document and
 * headers: what the JAX-RS mapper ({@link ProblemMapper}), the bulk import route and a stream's last line all
 * render. {@link #of} finds the failure a thrown exception stands for.
 */
public sealed interface Failure {

    ErrorCode code();

    Problem problem();

    /** {@code Retry-After} where the code says to try again later; {@link Unauthenticated} adds its challenge. */
    default Map<String, String> headers() {
        return code().retryLater()
                ? Map.of("Retry-After", String.valueOf(DatabaseAvailability.RETRY_AFTER_SECONDS))
                : Map.of();
    }

    /**
     * A client mistake in the arguments: where it is ({@code meta.parameter}, {@code meta.path}) and what is
     * allowed there.
     */
    record BadArgument(QueryError error) implements Failure {
        @Override
        public ErrorCode code() {
            return error.code();
        }

        @Override
        public Problem problem() {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("parameter", error.parameter());
            meta.put("path", error.path());
            meta.put("allowed", error.allowed());
            meta.putAll(error.prismaMeta());
            return Failure.problem(error.code(), error.message(), meta);
        }
    }

    /** A request refused with a code of the table, a sentence and Prisma-style {@code meta}. */
    record Refused(ErrorCode code, String detail, Map<String, Object> meta) implements Failure {
        public Refused {
            meta = Map.copyOf(meta);
        }

        public static Refused of(WriteError error) {
            return new Refused(error.code(), error.message(), error.meta());
        }

        @Override
        public Problem problem() {
            return Failure.problem(code, detail, meta);
        }
    }

    /**
     * A refused token: 401 with RFC 6750's {@code WWW-Authenticate} ({@code invalid_token} and the reason; no error
     * code when no token was sent). {@code meta.reason} tells the cases apart.
     */
    record Unauthenticated(TokenRejected.Reason reason, String detail) implements Failure {
        @Override
        public ErrorCode code() {
            return ErrorCode.UNAUTHORIZED;
        }

        @Override
        public Problem problem() {
            return Failure.problem(code(), detail, Map.of("reason", reason.code()));
        }

        @Override
        public Map<String, String> headers() {
            String challenge = reason == TokenRejected.Reason.MISSING
                    ? "Bearer realm=\"quarry\""
                    : "Bearer realm=\"quarry\", error=\"invalid_token\", error_description=\""
                            + detail.replace("\"", "'") + "\"";
            return Map.of("WWW-Authenticate", challenge);
        }
    }

    /**
     * The failure of one record of a bulk import: the record's own, its detail and {@code meta.line} naming the
     * line it starts on.
     */
    record AtLine(Failure failure, int line) implements Failure {
        @Override
        public ErrorCode code() {
            return failure.code();
        }

        @Override
        public Problem problem() {
            Problem p = failure.problem();
            Map<String, Object> meta = new LinkedHashMap<>(p.meta());
            meta.put("line", line);
            return new Problem(p.type(), p.title(), p.status(), "line " + line + ": " + p.detail(), p.code(), meta);
        }

        @Override
        public Map<String, String> headers() {
            return failure.headers();
        }
    }

    /** A failure that is the server's own: the answer says nothing about its insides (it is logged instead). */
    record Internal() implements Failure {
        @Override
        public ErrorCode code() {
            return ErrorCode.INTERNAL;
        }

        @Override
        public Problem problem() {
            return Failure.problem(code(), "The server failed to answer this request.", Map.of());
        }
    }

    private static Problem problem(ErrorCode code, String detail, Map<String, Object> meta) {
        return new Problem(code.type(), code.title(), code.status(), detail, code.code(), meta);
    }

    /**
     * The failure {@code thrown} stands for: the first exception along its causes that Quarry raised, a database
     * error of a read mapped by {@link DatabaseErrors#forRead}, an unavailable database; anything else is {@link
     * Internal}.
     */
    static Failure of(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            Failure known = raised(cause);
            if (known != null) {
                return known;
            }
        }
        if (DatabaseAvailability.isUnavailable(thrown)) {
            Log.LOG.warnf("database unavailable: %s", thrown);
            return Refused.of(DatabaseErrors.unavailable());
        }
        Log.LOG.error("request failed", thrown);
        return new Internal();
    }

    /** The failure an exception Quarry raises stands for, or null for any other exception. */
    private static Failure raised(Throwable e) {
        if (e instanceof QueryException q) {
            return new BadArgument(q.error());
        }
        if (e instanceof WriteException w) {
            return Refused.of(w.error());
        }
        if (e instanceof ApiException a) {
            return a.failure();
        }
        if (e instanceof TokenRejected t) {
            return new Unauthenticated(t.reason(), t.detail());
        }
        if (e instanceof SessionRefused r) {
            return refusedRole(r);
        }
        if (e instanceof StreamTimedOut t) {
            return new Refused(
                    ErrorCode.STREAM_TIMED_OUT,
                    t.getMessage() + " (quarry.stream.timeout)",
                    Map.of("timeoutMs", t.timeout().toMillis()));
        }
        if (e instanceof PgException pg) {
            return database(pg);
        }
        return null;
    }

    /**
     * The database refused the token's role. A role it does not know is the token's fault (401, as PostgREST
     * answers); a role the connecting user may not take is a missing {@code GRANT role TO authenticator} (403).
     */
    private static Failure refusedRole(SessionRefused e) {
        if (e.unknownRole()) {
            return new Unauthenticated(
                    TokenRejected.Reason.INVALID, "The token's role " + e.role() + " does not exist in the database");
        }
        return new Refused(
                ErrorCode.FORBIDDEN,
                "The service may not act as the token's role " + e.role() + " (GRANT " + e.role()
                        + " TO the connecting user)",
                Map.of("reason", "role-not-granted"));
    }

    private static Failure database(PgException e) {
        if (SqlCondition.of(e) == SqlCondition.UNAVAILABLE) {
            Log.LOG.warnf("database unavailable: %s %s", e.getSqlState(), e.getErrorMessage());
        }
        return DatabaseErrors.forRead(e).<Failure>map(Refused::of).orElseGet(() -> {
            Log.LOG.errorf(e, "database error %s", e.getSqlState());
            return new Internal();
        });
    }

    /** Where failures that are the server's own are logged, with their stack traces. */
    final class Log {
        private static final Logger LOG = Logger.getLogger(Failure.class);

        private Log() {}
    }
}
