package dev.quarry.api;

import dev.quarry.error.ErrorCode;
import dev.quarry.runtime.PendingMigrationsCheck;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While the database lacks migrations the service was built with, every API request is a 503 {@code schema-behind}
 * with {@code Retry-After}, not the 500 of a missing relation: the answer comes from the last check's finding,
 * without a query.
 */
public class SchemaBehindFilter {

    @Inject
    PendingMigrationsCheck migrations;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public Optional<Response> refuseWhileBehind(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        return refusal(migrations);
    }

    /** The 503 while the database is behind; also for the bulk import route, which is served outside JAX-RS. */
    static Optional<Response> refusal(PendingMigrationsCheck migrations) {
        if (!migrations.behind()) {
            return Optional.empty();
        }
        int pending = migrations.last().pending().size();
        return Optional.of(ProblemMapper.respond(new Failure.Refused(
                ErrorCode.SCHEMA_BEHIND,
                "The database lacks " + pending
                        + " migration(s) this service needs; they are applied by `migrate deploy`. Retry later.",
                Map.of("reason", "schema-behind", "pending", pending))));
    }
}
