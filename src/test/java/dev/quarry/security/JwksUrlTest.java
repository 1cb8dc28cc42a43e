package dev.quarry.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code quarry.auth.jwks-url} must be https, or http on a loopback host: anything else stops the start-up (the
 * {@link TokenVerifier} is built when {@link Authenticator} reports at start-up) with a message naming the setting.
 */
class JwksUrlTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://issuer.example.com/.well-known/jwks.json",
                "HTTPS://issuer.example.com/jwks",
                "http://127.0.0.1:8180/jwks",
                "http://127.255.0.9/jwks",
                "http://localhost:8180/realms/q/protocol/openid-connect/certs",
                "http://[::1]:8180/jwks"
            })
    void httpsOrLoopbackIsAccepted(String url) {
        assertEquals(url, TokenVerifier.secureJwksUrl(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://issuer.example.com/jwks",
                "http://10.0.0.5/jwks",
                "http://128.0.0.1/jwks",
                "http://127.0.0.1.evil.test/jwks",
                "http://localhost.evil.test/jwks",
                "http://[::2]/jwks",
                "ftp://127.0.0.1/jwks",
                "file:/etc/jwks.json",
                "issuer.example.com/jwks"
            })
    void anythingElseStopsTheStartUp(String url) {
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> TokenVerifier.secureJwksUrl(url));
        assertEquals(
                true,
                refused.getMessage().startsWith("quarry.auth.jwks-url must be an https URL"),
                refused.getMessage());
    }

    @Test
    void notAUrlAtAll() {
        assertThrows(IllegalStateException.class, () -> TokenVerifier.secureJwksUrl("http://exa mple.com/"));
    }
}
