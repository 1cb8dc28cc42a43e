package dev.quarry.api;

import dev.quarry.query.write.WriteError;
import dev.quarry.query.write.WriteException;
import dev.quarry.runtime.ops.DatabaseAvailability;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Write errors as problem documents: Prisma's code and meta, the status their kind calls for. */
public class WriteProblems {

    @ServerExceptionMapper
    public Response write(WriteException e) {
        WriteError error = e.error();
        int status = status(error.kind());
        Response.ResponseBuilder r = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(ProblemMapper.TYPE_BASE + error.code(), title(error.kind()), status, error.message(), error.code(), Map.copyOf(error.meta())));
        if (error.kind() == WriteError.Kind.UNAVAILABLE) {
            r.header("Retry-After", DatabaseAvailability.RETRY_AFTER_SECONDS);
        }
        r.header("Cache-Control", "no-store");
        return r.build();
    }

    static int status(WriteError.Kind kind) {
        switch (kind) {
            case NOT_FOUND:
                return 404;
            case CONFLICT:
                return 409;
            case PRECONDITION_FAILED:
                return 412;
            case UNAVAILABLE:
                return 503;
            case TIMED_OUT:
                return 408;
            case FORBIDDEN:
                return 403;
            default:
                return 400;
        }
    }

    private static String title(WriteError.Kind kind) {
        switch (kind) {
            case NOT_FOUND:
                return "Record not found";
            case CONFLICT:
                return "Conflict";
            case PRECONDITION_FAILED:
                return "Precondition Failed";
            case UNAVAILABLE:
                return "Database unavailable";
            case TIMED_OUT:
                return "Transaction timed out";
            case FORBIDDEN:
                return "Forbidden";
            default:
                return "Invalid value";
        }
    }
}
