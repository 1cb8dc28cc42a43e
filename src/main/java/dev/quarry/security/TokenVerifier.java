package dev.quarry.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.security.TokenRejected.Reason;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies a compact JWS with SmallRye JWT's parser (signature; {@code exp} and {@code iat} required; {@code nbf},
 * issuer, audience, clock skew; an {@code iat} in the future is refused here) and says precisely why a token is
 * refused. The header is read first, so an unsigned token or an algorithm not accepted is named as such rather than
 * as a failed signature.
 */
public final class TokenVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One instance, so the key (file, PEM, JWK set) is read once and kept: DefaultJWTParser.parse would read it per
     * token.
     */
    private final DefaultJWTTokenParser parser = new DefaultJWTTokenParser();

    private final JWTAuthContextInfo context;
    private final List<String> algorithms;
    private final boolean hasKey;
    private final boolean fetchesKeys;
    private final long clockSkewSeconds;

    public TokenVerifier(AuthConfig config) {
        this.algorithms = config.algorithms().stream()
                .filter(a -> !a.equalsIgnoreCase("none"))
                .toList();
        this.context = new JWTAuthContextInfo();
        config.publicKey().filter(k -> !k.isBlank()).ifPresent(context::setPublicKeyContent);
        config.publicKeyLocation()
                .filter(k -> !k.isBlank())
                .map(TokenVerifier::location)
                .ifPresent(context::setPublicKeyLocation);
        Optional<String> jwksUrl = config.jwksUrl().filter(k -> !k.isBlank()).map(TokenVerifier::secureJwksUrl);
        jwksUrl.ifPresent(context::setPublicKeyLocation);
        this.fetchesKeys = jwksUrl.isPresent();
        this.clockSkewSeconds = config.clockSkew().toSeconds();
        this.hasKey = context.getPublicKeyContent() != null || context.getPublicKeyLocation() != null;
        config.issuer().filter(i -> !i.isBlank()).ifPresent(context::setIssuedBy);
        config.audience().filter(a -> !a.isEmpty()).ifPresent(a -> context.setExpectedAudience(new LinkedHashSet<>(a)));
        context.setClockSkew((int) config.clockSkew().toSeconds());
        context.setExpGracePeriodSecs((int) config.clockSkew().toSeconds());
        context.setRequireNamedPrincipal(false);
        Set<SignatureAlgorithm> accepted = new LinkedHashSet<>();
        for (String a : algorithms) {
            accepted.add(SignatureAlgorithm.fromAlgorithm(a));
        }
        context.setSignatureAlgorithm(accepted);
    }

    /** Whether any verification key is configured (without one, every token is refused). */
    public boolean hasKey() {
        return hasKey;
    }

    /** Whether verifying may fetch the JWK set over the network (blocking): a JWK set URL is configured. */
    public boolean fetchesKeys() {
        return fetchesKeys;
    }

    /** The token's claims, verified; else {@link TokenRejected} naming the reason. */
    public ObjectNode verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length == 5) {
            throw new TokenRejected(
                    Reason.UNSUPPORTED_ALGORITHM, "Encrypted tokens (JWE) are not accepted; send a signed JWT");
        }
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new TokenRejected(Reason.MALFORMED);
        }
        JsonNode header = decode(parts[0]);
        ObjectNode claims = (ObjectNode) decode(parts[1]);
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new TokenRejected(Reason.MALFORMED, "The token's header names no signature algorithm (alg)");
        }
        if (alg.textValue().equalsIgnoreCase("none") || parts[2].isEmpty()) {
            throw new TokenRejected(Reason.UNSIGNED);
        }
        if (!algorithms.contains(alg.textValue())) {
            throw new TokenRejected(
                    Reason.UNSUPPORTED_ALGORITHM,
                    "The token is signed with " + alg.textValue() + "; accepted: " + String.join(", ", algorithms)
                            + " (quarry.auth.algorithms)");
        }
        if (!hasKey) {
            throw new TokenRejected(
                    Reason.BAD_SIGNATURE,
                    "No verification key is configured (quarry.auth.public-key, public-key-location or " + "jwks-url)");
        }
        try {
            parser.parse(token, context);
        } catch (ParseException e) {
            throw rejection(e);
        }
        checkIssuedAt(claims.get("iat"));
        return claims;
    }

    /**
     * {@code iat} is required (SmallRye refuses a token without it) but SmallRye does not check that it is in the
     * past; it may be ahead of this server's clock by the clock skew at most.
     */
    private void checkIssuedAt(JsonNode iat) {
        if (iat != null && iat.asDouble() > Instant.now().getEpochSecond() + clockSkewSeconds) {
            throw new TokenRejected(
                    Reason.NOT_YET_VALID, "The token is not valid yet: it was issued (iat) in the future");
        }
    }

    /**
     * A JWK set URL must be https: over http anyone on the path could swap the keys and sign any role. Plain http
     * is accepted for loopback hosts only (127.0.0.0/8, ::1, localhost), for local identity providers and tests.
     */
    static String secureJwksUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("quarry.auth.jwks-url is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") && uri.getHost() != null) {
            return uri.toString();
        }
        if (scheme.equals("http") && uri.getHost() != null && loopback(uri.getHost())) {
            return uri.toString();
        }
        throw new IllegalStateException(
                "quarry.auth.jwks-url must be an https URL (http only for 127.0.0.0/8, ::1 or localhost): " + url);
    }

    private static boolean loopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("[0-9]{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode decode(String part) {
        try {
            JsonNode node = JSON.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new TokenRejected(Reason.MALFORMED, "A part of the token is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | JsonProcessingException e) {
            throw new TokenRejected(Reason.MALFORMED);
        }
    }

    private static TokenRejected rejection(ParseException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid) {
                if (invalid.hasErrorCode(ErrorCodes.EXPIRED)) {
                    return new TokenRejected(Reason.EXPIRED);
                }
                if (invalid.hasErrorCode(ErrorCodes.NOT_YET_VALID)
                        || invalid.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
                    return new TokenRejected(Reason.NOT_YET_VALID);
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUER_INVALID)
                        || invalid.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
                    return new TokenRejected(Reason.WRONG_ISSUER);
                }
                if (invalid.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
                        || invalid.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
                    return new TokenRejected(Reason.WRONG_AUDIENCE);
                }
                if (invalid.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
                        || invalid.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
                    return new TokenRejected(Reason.BAD_SIGNATURE);
                }
                if (invalid.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
                    return new TokenRejected(Reason.INVALID, "The token has no expiry (exp); tokens must expire");
                }
                if (invalid.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)) {
                    return new TokenRejected(Reason.INVALID, "The token has no issue time (iat)");
                }
            }
        }
        return new TokenRejected(Reason.BAD_SIGNATURE, "The token could not be verified with the configured key");
    }

    private static String location(String path) {
        return path.contains(":") ? path : "file:" + path;
    }
}
