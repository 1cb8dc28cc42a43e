package dev.quarry.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code quarry.auth.*}: how bearer tokens are verified and which database role a request runs as. */
@ConfigMapping(prefix = "quarry.auth")
public interface AuthConfig {

    @WithDefault("jwt")
    AuthMode mode();

    /** The verification key inline: a PEM public key, a JWK or a JWK set. */
    Optional<String> publicKey();

    /** The verification key in a file (PEM, JWK or JWK set): a path, {@code file:}, {@code classpath:}. */
    Optional<String> publicKeyLocation();

    /** A JWK set served over HTTP(S), fetched and cached (refetched when a token names an unknown {@code kid}). */
    Optional<String> jwksUrl();

    /** The required {@code iss}; none: any. */
    Optional<String> issuer();

    /** The accepted {@code aud} values (one must match); none: not checked. */
    Optional<List<String>> audience();

    /** Tolerance on {@code exp}, {@code nbf} and {@code iat} for clocks that drift. */
    @WithDefault("30s")
    Duration clockSkew();

    /** Accepted signature algorithms; {@code none} never is. */
    @WithDefault("RS256,ES256")
    List<String> algorithms();

    /** The claim that names the database role; a dotted path reaches into objects ({@code app_metadata.role}). */
    @WithDefault("role")
    String roleClaim();

    /** The database role of requests without a token; none: such requests get a 401. */
    Optional<String> anonymousRole();

    /** When set, the only roles a request may run as; any other is refused ({@code token-role}). */
    Optional<Set<String>> roles();

    /** How long the role attributes read from {@code pg_roles} are trusted before they are read again. */
    @WithDefault("60s")
    Duration roleCacheMaxAge();

    /**
     * How long a verified token is taken as verified when it comes again (never past its expiry); zero: every
     * request's token is verified.
     */
    @WithDefault("60s")
    Duration tokenCacheMaxAge();

    /** Refuse to start when the connecting login is a superuser, has BYPASSRLS or owns a served table. */
    @WithDefault("false")
    boolean strict();
}
