package dev.quarry.api.parity;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Optional;

/**
 * Prisma Client 7 beside Quarry: the generic peer (shared/bench/peers/prisma-generic) copied to target/prisma-peer,
 * its dependencies installed there from its lock file, run against the test database.
 */
public final class PrismaPeer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrismaPeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Why the peer cannot run here (no node/npm, no peer folder), or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (!works("node", "--version")) {
            return Optional.of("node is not installed");
        }
        if (!works("npm", "--version")) {
            return Optional.of("npm is not installed");
        }
        if (source().isEmpty()) {
            return Optional.of("the Prisma peer folder (shared/bench/peers/prisma-generic, or QUARRY_PRISMA_PEER) was not found");
        }
        return Optional.empty();
    }

    public static PrismaPeer start(Path schema, String databaseUrl) throws IOException, InterruptedException {
        Path dir = Path.of("target", "prisma-peer").toAbsolutePath();
        if (!Files.exists(dir.resolve("run.sh"))) {
            copy(source().orElseThrow(), dir);
        }
        if (!Files.exists(dir.resolve("node_modules"))) {
            // never inheritIO: the test JVM's stdin and stdout are surefire's channel to it
            Path log = dir.resolve("npm-ci.log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (npm.waitFor() != 0) {
                throw new IllegalStateException("npm ci failed in " + dir + ":\n" + Files.readString(log));
            }
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "run.sh").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("peer-" + port + ".log").toFile());
        pb.environment().put("SCHEMA", schema.toAbsolutePath().toString());
        pb.environment().put("DATABASE_URL", databaseUrl);
        pb.environment().put("PORT", Integer.toString(port));
        // the join strategy parses nested Decimals through a double (peer README); query keeps every digit
        pb.environment().put("REL_STRATEGY", "query");
        PrismaPeer peer = new PrismaPeer(pb.start(), port);
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!peer.process.isAlive()) {
                throw new IllegalStateException("the Prisma peer exited; see " + dir.resolve("peer-" + port + ".log"));
            }
            try {
                if (peer.get("/health").statusCode() == 200) {
                    return peer;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        peer.close();
        throw new IllegalStateException("the Prisma peer did not start within 240 s");
    }

    public HttpResponse<String> post(String delegate, String operation, String body) throws IOException, InterruptedException {
        return post("/rpc/" + delegate + "/" + operation, body);
    }

    /** {@code path} under the peer, e.g. {@code /rpc/$transaction}. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Optional<Path> source() {
        String configured = System.getenv("QUARRY_PRISMA_PEER");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/bench/peers/prisma-generic");
            if (Files.exists(candidate.resolve("run.sh"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String name = dir.getFileName().toString();
                if (!dir.equals(from) && (name.equals("node_modules") || name.equals(".work"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file).toString());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().setWritable(true);
                if (file.toString().endsWith(".sh")) {
                    target.toFile().setExecutable(true);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
