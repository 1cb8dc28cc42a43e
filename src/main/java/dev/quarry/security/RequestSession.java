package dev.quarry.security;

import dev.quarry.query.exec.SessionSettings;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The session settings of the request being served, set by {@link AuthFilter} in {@code jwt} mode; empty in {@code
 * open} mode.
 */
@RequestScoped
public class RequestSession {

    private Optional<SessionSettings> settings = Optional.empty();

    public Optional<SessionSettings> settings() {
        return settings;
    }

    void set(SessionSettings settings) {
        this.settings = Optional.of(settings);
    }
}
