package dev.quarry.api;

import dev.quarry.error.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Where errors become HTTP for the JAX-RS routes: each exception becomes its {@link Failure}, rendered by
 * {@link #respond}, which the routes served outside JAX-RS (bulk import, the migrations check) use too.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** A status the framework itself answered with (no route, a method or media type the route does not take). */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return respond(new Failure.Internal());
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return respond(new Failure.Refused(
                ErrorCode.ofHttpStatus(status), known == null ? "Error" : known.getReasonPhrase(), Map.of()));
    }

    @ServerExceptionMapper
    public Response any(Throwable e) {
        return respond(Failure.of(e));
    }

    /** The problem document of {@code failure}, with its status and headers; never cached. */
    public static Response respond(Failure failure) {
        Problem problem = failure.problem();
        Response.ResponseBuilder r = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .header("Cache-Control", "no-store");
        failure.headers().forEach(r::header);
        return r.build();
    }
}
