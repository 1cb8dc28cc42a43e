package dev.quarry.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.FreshDatabase;
import dev.quarry.testsupport.TestServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Clients that hang up while their writes wait (for a row lock, or for one of the pool's two connections) must not
 * take connections with them: afterwards the service still writes, and every write it began was finished.
 */
@QuarkusTest
@TestProfile(HungUpClientsApiTest.TwoConnections.class)
@WithTestResource(
        value = FreshDatabase.class,
        initArgs = {
            @ResourceArg(name = "schema", value = "write/shop.prisma"),
            @ResourceArg(name = "sql", value = "write/shop.sql"),
            @ResourceArg(name = "purpose", value = "HungUpClientsApiTest")
        })
class HungUpClientsApiTest {

    public static final class TwoConnections implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "2", "quarry.pool.wait-timeout", "10s");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void writesWhoseClientsHungUpGiveTheirConnectionsBack() throws Exception {
        String id = send(
                        "POST",
                        "/api/rpc/user/create",
                        "{\"data\":{\"email\":\"locked@x.io\"},\"select\":{\"id\":true}}")
                .replaceAll(".*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        // both of the pool's connections open before the race, so the test is about hang-ups, not about opening
        // them
        List<CompletableFuture<HttpResponse<String>>> warmUp = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            warmUp.add(http.sendAsync(
                    request("PATCH", "/api/users/" + id, "{\"name\":\"warm\"}"), HttpResponse.BodyHandlers.ofString()));
        }
        warmUp.forEach(CompletableFuture::join);
        int hungUp = 8;
        try (Connection lock = TestServer.connect(FreshDatabase.current())) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.executeUpdate("UPDATE \"User\" SET counter = counter WHERE id = '" + id + "'");
            }
            // two requests hold the pool's connections, blocked on the lock; six wait in the pool's queue
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < hungUp; i++) {
                clients.add(sendAndKeepOpen("PATCH", "/api/users/" + id, "{\"counter\":{\"increment\":1}}"));
            }
            LockWaits.await(lock, 2, "the writes");
            Thread.sleep(300);
            for (Socket client : clients) {
                client.close();
            }
            Thread.sleep(300);
            lock.commit();
        }
        // each of the eight still ran to its end, and the two connections serve new requests (a leak answers 503)
        for (int i = 0; i < 10; i++) {
            assertEquals(
                    200,
                    status("PATCH", "/api/users/" + id, "{\"counter\":{\"increment\":1}}"),
                    "write " + i + " after the hang-ups");
        }
        String counter = send(
                "POST",
                "/api/rpc/user/findUnique",
                "{\"where\":{\"id\":\"" + id + "\"},\"select\":{\"counter\":true}}");
        assertEquals("{\"counter\" : " + (hungUp + 10) + "}", counter);
    }

    private Socket sendAndKeepOpen(String method, String path, String body) throws Exception {
        Socket socket = new Socket(base.getHost(), base.getPort());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nContent-Type: application/json\r\n" + "Content-Length: " + bytes.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }

    private HttpRequest request(String method, String path, String body) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpResponse<String> exchange(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private String send(String method, String path, String body) throws Exception {
        return exchange(method, path, body).body();
    }

    private int status(String method, String path, String body) throws Exception {
        return exchange(method, path, body).statusCode();
    }
}
