package dev.quarry.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.exec.SessionSettings;
import dev.quarry.security.TokenRejected.Reason;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * From an {@code Authorization} header to the request's {@link SessionSettings}: the role named by the verified
 * token's role claim (or the anonymous role), its claims, the statement timeout. Says at start-up how requests are
 * authenticated, and warns when they are not.
 */
@ApplicationScoped
public class Authenticator {

    private static final Logger LOG = Logger.getLogger("dev.quarry.security");

    private final AuthConfig config;
    private final TokenVerifier verifier;
    private final VerifiedTokens verified;
    private final RoleGuard roles;
    private final LoginAudit audit;
    private final Duration statementTimeout;
    private final boolean embeddedDatabase;

    @Inject
    public Authenticator(
            AuthConfig config,
            RoleGuard roles,
            LoginAudit audit,
            @ConfigProperty(name = "quarry.api.statement-timeout", defaultValue = "30s") Duration statementTimeout,
            @ConfigProperty(name = "quarry.embedded-database", defaultValue = "false") boolean embeddedDatabase) {
        this.config = config;
        this.verifier = new TokenVerifier(config);
        this.verified = new VerifiedTokens(config.tokenCacheMaxAge(), config.clockSkew());
        this.roles = roles;
        this.audit = audit;
        this.statementTimeout = statementTimeout;
        this.embeddedDatabase = embeddedDatabase;
    }

    public boolean open() {
        return config.mode() == AuthMode.OPEN;
    }

    void report(@Observes StartupEvent started) {
        if (open()) {
            LOG.warnf(
                    "authentication is OFF (quarry.auth.mode=open%s): every request runs with the rights "
                            + "of the "
                            + "database user; "
                            + "keep this service on a trusted network, or set QUARRY_AUTH_MODE=jwt",
                    embeddedDatabase ? ", the default on the embedded development database" : "");
            return;
        }
        String anonymous = config.anonymousRole()
                .map(r -> "requests without a token run as " + r)
                .orElse("requests without a token get 401");
        if (!verifier.hasKey()) {
            LOG.warnf(
                    "authentication: jwt, but no verification key is configured (quarry.auth.public-key, "
                            + "public-key-location or jwks-url): "
                            + "every token is refused; %s",
                    anonymous);
        } else {
            LOG.infof(
                    "authentication: jwt (role claim %s, algorithms %s); %s",
                    config.roleClaim(), String.join(",", config.algorithms()), anonymous);
        }
        auditLogin();
    }

    /**
     * Says loudly what about the connecting login lets requests escape row-level security ({@code
     * quarry.auth.strict}: refuses to start), and refuses to start on an anonymous role no request may run as.
     */
    private void auditLogin() {
        List<String> findings;
        try {
            findings = audit.findings();
        } catch (RuntimeException e) {
            if (config.strict()) {
                throw new IllegalStateException(
                        "quarry.auth.strict=true, but the database login could not be checked: " + e.getMessage(), e);
            }
            LOG.warnf(
                    "authentication: could not check the database login and roles at start-up (%s); each "
                            + "request's "
                            + "role is checked when it comes",
                    e.getMessage());
            return;
        }
        findings.forEach(f -> LOG.warn("authentication: " + f));
        if (config.strict() && !findings.isEmpty()) {
            throw new IllegalStateException("quarry.auth.strict=true refuses to start: " + String.join("; ", findings));
        }
        anonymous().ifPresent(a -> checkAnonymousRole(a.role()));
    }

    /**
     * A role no request may take stops the start-up; one that does not exist yet (migrations may create it) is only
     * warned about.
     */
    private void checkAnonymousRole(String role) {
        try {
            roles.check(role).await().atMost(Duration.ofSeconds(10));
        } catch (TokenRejected e) {
            String problem = e.detail().replace("The token's role", "the role");
            if (e.reason() != Reason.ROLE) {
                LOG.warnf(
                        "authentication: quarry.auth.anonymous-role: %s; requests without a token are "
                                + "refused "
                                + "until it does",
                        problem);
                return;
            }
            throw new IllegalStateException("quarry.auth.anonymous-role: " + problem);
        }
    }

    /**
     * The settings for a request with this {@code Authorization} header (null when absent), once its role is one a
     * request may run as; else a {@link TokenRejected}. With a JWK set URL, the token is verified on a worker
     * thread: the JWK set is fetched (blocking) on first use and for an unknown {@code kid}.
     */
    public Uni<SessionSettings> authenticate(String authorization) {
        Uni<SessionSettings> verified = Uni.createFrom().item(() -> settingsFor(authorization));
        if (verifier.fetchesKeys() && authorization != null && !authorization.isBlank()) {
            verified = CallerContext.resumeOn(verified.runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
        }
        return verified.call(settings -> roles.check(settings.role()));
    }

    /**
     * The settings for a request with this {@code Authorization} header (null when absent), or {@link
     * TokenRejected}; the role is not checked yet.
     */
    SessionSettings settingsFor(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return anonymous().orElseThrow(() -> new TokenRejected(Reason.MISSING));
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new TokenRejected(Reason.MALFORMED, "The Authorization header must be \"Bearer <token>\"");
        }
        String token = value.substring(7).strip();
        Optional<SessionSettings> known = verified.get(token);
        if (known.isPresent()) {
            return known.get();
        }
        ObjectNode claims = verifier.verify(token);
        SessionSettings settings = settingsOf(claims);
        verified.put(token, settings, claims.get("exp"));
        return settings;
    }

    private SessionSettings settingsOf(ObjectNode claims) {
        Optional<String> role = roleOf(claims);
        if (role.isEmpty()) {
            return anonymous()
                    .map(a -> new SessionSettings(a.role(), claims.toString(), statementTimeout))
                    .orElseThrow(() -> new TokenRejected(
                            Reason.INVALID,
                            "The token names no role (claim " + config.roleClaim()
                                    + ") and this API has no anonymous role"));
        }
        return new SessionSettings(role.get(), claims.toString(), statementTimeout);
    }

    /** Anonymous requests carry the claims {@code {"role": <anonymous role>}}, as in PostgREST. */
    private Optional<SessionSettings> anonymous() {
        return config.anonymousRole().filter(r -> !r.isBlank()).map(role -> {
            ObjectNode claims = JsonNodeFactory.instance.objectNode().put("role", role);
            return new SessionSettings(role, claims.toString(), statementTimeout);
        });
    }

    private Optional<String> roleOf(ObjectNode claims) {
        JsonNode node = claims;
        for (String key : config.roleClaim().split("\\.")) {
            node = node == null ? null : node.get(key);
        }
        return node != null && node.isTextual() && !node.textValue().isBlank()
                ? Optional.of(node.textValue())
                : Optional.empty();
    }
}
