package dev.quarry.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quarry.query.exec.SessionSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * Tokens verified lately, with the settings they gave, so that a client sending the same token with every request
 * pays for its signature check once per max age (as PostgREST's JWT cache does). A token is kept until the earlier of
 * its expiry (with the clock skew the verifier allows) and the max age after its verification; so a key withdrawn
 * from a JWK set still admits the tokens it verified for up to the max age. Only verified tokens are kept, weighed
 * by their length.
 */
final class VerifiedTokens {

    /** The most characters of tokens kept (a few thousand typical tokens). */
    private static final long MAX_CHARS = 4_000_000;

    private record Verified(SessionSettings settings, long validUntilMillis) {}

    private final Optional<Cache<String, Verified>> kept;
    private final long maxAgeMillis;
    private final long clockSkewMillis;

    /** @param maxAge zero: nothing is kept */
    VerifiedTokens(Duration maxAge, Duration clockSkew) {
        this.maxAgeMillis = maxAge.toMillis();
        this.clockSkewMillis = clockSkew.toMillis();
        this.kept = maxAgeMillis <= 0
                ? Optional.empty()
                : Optional.of(Caffeine.newBuilder()
                        .maximumWeight(MAX_CHARS)
                        .<String, Verified>weigher((token, verified) -> token.length())
                        .expireAfterWrite(maxAge)
                        .executor(Runnable::run)
                        .build());
    }

    Optional<SessionSettings> get(String token) {
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        Verified verified = kept.get().getIfPresent(token);
        if (verified == null) {
            return Optional.empty();
        }
        if (System.currentTimeMillis() >= verified.validUntilMillis()) {
            kept.get().invalidate(token);
            return Optional.empty();
        }
        return Optional.of(verified.settings());
    }

    /** {@code exp}: the verified token's expiry claim (seconds since the epoch). */
    void put(String token, SessionSettings settings, JsonNode exp) {
        if (kept.isEmpty() || exp == null || !exp.isNumber()) {
            return;
        }
        long now = System.currentTimeMillis();
        long validUntil = Math.min((long) (exp.asDouble() * 1000) + clockSkewMillis, now + maxAgeMillis);
        if (validUntil > now) {
            kept.get().put(token, new Verified(settings, validUntil));
        }
    }
}
