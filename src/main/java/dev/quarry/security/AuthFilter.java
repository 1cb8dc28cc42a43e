package dev.quarry.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** In {@code jwt} mode, authenticates every API request before it is served; a refusal is a 401 (see {@code ProblemMapper}). */
public class AuthFilter {

    @Inject
    Authenticator authenticator;

    @Inject
    RequestSession session;

    @ServerRequestFilter
    public void authenticate(ContainerRequestContext request) {
        if (!authenticator.open()) {
            session.set(authenticator.settingsFor(request.getHeaderString(HttpHeaders.AUTHORIZATION)));
        }
    }
}
