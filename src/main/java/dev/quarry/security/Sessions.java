package dev.quarry.security;

import dev.quarry.query.exec.SessionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The current request's session settings, for the services that run statements: none in {@code open} mode (which
 * never touches the request scope).
 */
@ApplicationScoped
public class Sessions {

    @Inject
    Authenticator authenticator;

    @Inject
    RequestSession request;

    public Optional<SessionSettings> current() {
        return authenticator.open() ? Optional.empty() : request.settings();
    }
}
