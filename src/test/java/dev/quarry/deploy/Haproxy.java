package dev.quarry.deploy;

import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in front of the instances, checking readiness as a Kubernetes Service's endpoints follow it:
 * an instance that answers 503 on {@code /q/health/ready} gets no new request.
 */
final class Haproxy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path directory;
    private final int port;
    private final int statsPort;

    private Haproxy(Process process, Path directory, int port, int statsPort) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.statsPort = statsPort;
    }

    static Haproxy start(Path executable, List<Integer> backends) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("quarry-haproxy");
        int port = Tools.freePort();
        int statsPort = Tools.freePort();
        List<String> config = new ArrayList<>(List.of(
                "global",
                "  maxconn 2000",
                "  log stdout format raw local0",
                "defaults",
                "  mode http",
                "  log global",
                "  option httplog",
                "  option dontlog-normal",
                "  timeout connect 2s",
                "  timeout client 30s",
                "  timeout server 30s",
                "  timeout check 2s",
                "  option http-keep-alive",
                "frontend quarry",
                "  bind 127.0.0.1:" + port,
                "  default_backend instances",
                "frontend stats",
                "  bind 127.0.0.1:" + statsPort,
                "  stats enable",
                "  stats uri /stats",
                "backend instances",
                "  balance roundrobin",
                "  option httpchk GET /q/health/ready",
                "  http-check expect status 200",
                "  default-server inter 200ms fall 1 rise 2"));
        for (int i = 0; i < backends.size(); i++) {
            config.add("  server quarry" + i + " 127.0.0.1:" + backends.get(i) + " check");
        }
        Path file = directory.resolve("haproxy.cfg");
        Files.write(file, config);
        Process process = new ProcessBuilder(executable.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("haproxy.log").toFile())
                .start();
        Haproxy haproxy = new Haproxy(process, directory, port, statsPort);
        haproxy.awaitListening();
        return haproxy;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** How many backends HAProxy currently sends requests to (status UP in its CSV statistics). */
    int serversUp() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                .build();
        String csv = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        int up = 0;
        for (String line : csv.split("\n")) {
            String[] columns = line.split(",");
            if (columns.length > 17
                    && columns[0].equals("instances")
                    && columns[1].startsWith("quarry")
                    && columns[17].startsWith("UP")) {
                up++;
            }
        }
        return up;
    }

    void awaitServersUp(int expected, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (serversUp() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "HAProxy sees " + serversUp() + " of " + expected + " instances up after " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private void awaitListening() throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "haproxy exited:\n" + Files.readString(directory.resolve("haproxy.log")));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("haproxy did not listen within 10 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
