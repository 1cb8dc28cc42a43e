package dev.quarry.security;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * In {@code jwt} mode, authenticates every API request before it is served (its role checked by {@link RoleGuard});
 * a refusal is a 401 (see {@code ProblemMapper}).
 */
public class AuthFilter {

    @Inject
    Authenticator authenticator;

    @Inject
    RequestSession session;

    @ServerRequestFilter
    public Uni<Void> authenticate(ContainerRequestContext request) {
        if (authenticator.open()) {
            return Uni.createFrom().voidItem();
        }
        return authenticator
                .authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .invoke(session::set)
                .replaceWithVoid();
    }
}
