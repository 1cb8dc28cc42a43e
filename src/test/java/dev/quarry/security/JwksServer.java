package dev.quarry.security;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * jwt mode trusting a JWK set served over http on loopback by a slow identity provider (each fetch answers after
 * {@link #DELAY_MILLIS}), with one event loop, so that a fetch made on the event loop would stall every request.
 */
public final class JwksServer implements QuarkusTestResourceLifecycleManager {

    static final long DELAY_MILLIS = 2_000;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        byte[] jwks = TestKeys.jwks().getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/jwks", exchange -> {
            try {
                Thread.sleep(DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        return Map.of(
                "quarry.auth.mode",
                "jwt",
                "quarry.auth.jwks-url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks",
                "quarry.auth.issuer",
                TestKeys.ISSUER,
                "quarry.auth.audience",
                TestKeys.AUDIENCE,
                "quarry.auth.anonymous-role",
                "quarry_anon",
                "quarkus.vertx.event-loops-pool-size",
                "1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
