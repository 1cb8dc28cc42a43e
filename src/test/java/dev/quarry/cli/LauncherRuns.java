package dev.quarry.cli;

import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher at the repository's root, run by its absolute path in a project's folder as a user runs it: the
 * commands' output and exit codes, one {@code serve} at a time, and how long each took.
 */
final class LauncherRuns implements AutoCloseable {

    static final Path LAUNCHER = Path.of("quarry").toAbsolutePath();
    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path folder;
    private final List<String> timings = new ArrayList<>();
    private Process server;
    private int port;

    LauncherRuns(Path folder) {
        this.folder = folder;
    }

    /**
     * Skips (fails under CI) when the service is not packaged: the launcher would build it, which a test must not
     * wait for.
     */
    static void requirePackage() {
        Tools.require(Files.isRegularFile(JAR), () -> "no packaged service at " + JAR + " (./mvnw package)");
    }

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    /**
     * {@code /abs/path/to/quarry ARGS} in the folder, with {@code environment} added to the process's (DATABASE_URL
     * removed).
     */
    Run run(Map<String, String> environment, String... args) throws Exception {
        Path out = Files.createTempFile("quarry-out", ".txt");
        Path err = Files.createTempFile("quarry-err", ".txt");
        long start = System.nanoTime();
        Process process = launcher(environment, args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", args) + " did not finish in 180 s");
        }
        timings.add(String.join(" ", args) + " " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private ProcessBuilder launcher(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile());
        builder.environment().remove("DATABASE_URL");
        builder.environment().put("QUARRY_JAVA_OPTS", "-Xmx384m -XX:TieredStopAtLevel=1");
        builder.environment().putAll(environment);
        return builder;
    }

    /** {@code quarry serve} on a free port, open, until it is ready. */
    void serve(Map<String, String> environment) throws Exception {
        long start = System.nanoTime();
        port = Tools.freePort();
        Map<String, String> served = new LinkedHashMap<>(environment);
        served.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        served.put("QUARRY_AUTH_MODE", "open");
        Path log = Files.createTempFile("quarry-serve", ".log");
        server = launcher(served, "serve", "--port", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("serve exited with " + server.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    timings.add("serve ready " + (System.nanoTime() - start) / 1_000_000 + " ms");
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("serve not ready in 120 s:\n" + Files.readString(log));
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Stops the server {@link #serve} started, if it runs. */
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** What ran, with how long each took, for the test's output. */
    String timings() {
        return timings.size() + " commands (" + String.join(", ", timings) + ")";
    }

    @Override
    public void close() throws InterruptedException {
        stopServer();
    }
}
