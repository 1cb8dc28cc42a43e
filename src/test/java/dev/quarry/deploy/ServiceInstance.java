package dev.quarry.deploy;

import dev.quarry.runtime.DatabaseUrl;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One packaged Quarry ({@code java -jar target/quarkus-app/quarkus-run.jar serve --port N}) on loopback. */
final class ServiceInstance implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final DatabaseUrl database;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    ServiceInstance(int port, DatabaseUrl database, Map<String, String> environment, Path log) {
        this.port = port;
        this.database = database;
        this.environment = environment;
        this.log = log;
    }

    int port() {
        return port;
    }

    ServiceInstance start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                javaExecutable(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                JAR.toString(),
                "serve",
                "--port",
                String.valueOf(port),
                "--schema",
                "classpath:schema.prisma"));
        builder.environment().put("DATABASE_URL", database.toPrismaUrl());
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARRY_AUTH_MODE", "open");
        // the ITs' databases get their tables from Quarry's own script, not from Flyway
        builder.environment().put("QUARRY_REQUIRE_MIGRATIONS", "false");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = builder.start();
        return this;
    }

    /** Waits until the instance reports ready, or fails with the end of its log. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "instance on " + port + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            if (readiness() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("instance on " + port + " not ready within " + timeout + ":\n" + logTail());
    }

    /** The status of {@code /q/health/ready}, or -1 when nothing answers on the port. */
    int readiness() throws InterruptedException {
        return get("/q/health/ready").map(HttpResponse::statusCode).orElse(-1);
    }

    Optional<HttpResponse<String>> get(String path) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException notListening) {
            return Optional.empty();
        }
    }

    /** SIGTERM, as Kubernetes sends it; the instance drains and exits by itself. */
    void terminate() {
        process.destroy();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                    "instance on " + port + " did not exit within " + timeout + " after SIGTERM:\n" + logTail());
        }
        return process.exitValue();
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
