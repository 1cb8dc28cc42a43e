package dev.quarry.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns {@code quarry.auth.mode=jwt} on for a test class, trusting {@link TestKeys}: inline JWK set by default,
 * {@code key=pem} for the RSA key as a PEM file. Init args {@code anonymous-role}, {@code statement-timeout}, and
 * {@code roles} and {@code role-cache-max-age} when given.
 */
public final class JwtMode implements QuarkusTestResourceLifecycleManager {

    private Map<String, String> args = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("quarry.auth.mode", "jwt");
        if ("pem".equals(args.get("key"))) {
            config.put(
                    "quarry.auth.public-key-location", TestKeys.rsaPublicPem().toString());
        } else {
            config.put("quarry.auth.public-key", TestKeys.jwks());
        }
        config.put("quarry.auth.issuer", TestKeys.ISSUER);
        config.put("quarry.auth.audience", TestKeys.AUDIENCE);
        config.put("quarry.auth.clock-skew", "5s");
        config.put("quarry.auth.anonymous-role", args.getOrDefault("anonymous-role", ""));
        config.put("quarry.api.statement-timeout", args.getOrDefault("statement-timeout", "30s"));
        if (args.containsKey("roles")) {
            config.put("quarry.auth.roles", args.get("roles"));
        }
        if (args.containsKey("role-cache-max-age")) {
            config.put("quarry.auth.role-cache-max-age", args.get("role-cache-max-age"));
        }
        return config;
    }

    @Override
    public void stop() {}
}
