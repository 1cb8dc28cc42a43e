package dev.quarry.api.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.testsupport.Tools;
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
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Client 7 beside Quarry: the generic peer (shared/bench/peers/prisma-generic) copied to target/prisma-peer,
 * its dependencies installed there from its lock file, run against the test database.
 */
public final class PrismaPeer implements AutoCloseable {

    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
            return Optional.of("the Prisma peer folder (shared/bench/peers/prisma-generic, or QUARRY_PRISMA_PEER) was "
                    + "not "
                    + "found");
        }
        return Optional.empty();
    }

    public static PrismaPeer start(Path schema, String databaseUrl) throws IOException, InterruptedException {
        return start(schema, databaseUrl, false);
    }

    /**
     * With {@code createTables}, the peer first creates the tables with Prisma's own from-empty SQL (the database
     * must be empty).
     */
    public static PrismaPeer start(Path schema, String databaseUrl, boolean createTables)
            throws IOException, InterruptedException {
        Path dir = installed();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "run.sh")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("peer-" + port + ".log").toFile());
        pb.environment().put("SCHEMA", schema.toAbsolutePath().toString());
        pb.environment().put("DATABASE_URL", databaseUrl);
        pb.environment().put("PORT", Integer.toString(port));
        // the join strategy parses nested Decimals through a double (peer README); query keeps every digit
        pb.environment().put("REL_STRATEGY", "query");
        if (createTables) {
            pb.environment().put("APPLY_SCHEMA", "1");
        }
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

    /** A peer started elsewhere (by a test resource), reached at {@code port}; closing it leaves it running. */
    public static PrismaPeer attach(int port) {
        return new PrismaPeer(null, port);
    }

    public int port() {
        return port;
    }

    /**
     * Prisma's query schema for {@code schema} (one file): {@code inputObjectTypes}, {@code outputObjectTypes} and
     * {@code enumTypes} of its DMMF, written by the generator {@code prisma-oracle/dmmf-schema.mjs}, which {@code
     * prisma generate} runs on the peer's copy of the schema in place of the client generator.
     */
    public static JsonNode dmmfSchema(Path schema) throws IOException, InterruptedException {
        Path dir = installed();
        Path build = Path.of(run(
                        dir,
                        List.of(
                                "node",
                                "lib/prepare.mjs",
                                schema.toAbsolutePath().toString()))
                .strip());
        Path out = build.resolve("dmmf-schema");
        if (!Files.exists(out.resolve("dmmf-schema.json"))) {
            String generator = "node "
                    + Path.of("src/test/resources/prisma-oracle/dmmf-schema.mjs")
                            .toAbsolutePath();
            String schemaText = Files.readString(build.resolve("schema.prisma"));
            Matcher block = Pattern.compile("(?m)^generator client \\{[^}]*\\}").matcher(schemaText);
            if (!block.find()) {
                throw new IllegalStateException("no generator client block in " + build.resolve("schema.prisma"));
            }
            String ours = block.group()
                    .replaceFirst(
                            "(?m)^(\\s*provider\\s*=).*$", "$1 " + Matcher.quoteReplacement("\"" + generator + "\""))
                    .replaceFirst("(?m)^(\\s*output\\s*=).*$", "$1 " + Matcher.quoteReplacement("\"" + out + "\""));
            String source = schemaText.substring(0, block.start()) + ours + schemaText.substring(block.end());
            Files.createDirectories(out);
            Path file = out.resolve("schema.prisma");
            Files.writeString(file, source);
            run(
                    dir,
                    List.of(
                            dir.resolve("node_modules/.bin/prisma").toString(),
                            "generate",
                            "--schema",
                            file.toString()));
        }
        return new ObjectMapper().readTree(out.resolve("dmmf-schema.json").toFile());
    }

    /** The peer copied to target/prisma-peer, its dependencies installed there from its lock file. */
    private static Path installed() throws IOException, InterruptedException {
        Path dir = Path.of("target", "prisma-peer").toAbsolutePath();
        if (!Files.exists(dir.resolve("run.sh"))) {
            copy(source().orElseThrow(), dir);
        }
        if (!Files.exists(dir.resolve("node_modules"))) {
            run(dir, List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        return dir;
    }

    /** Runs a command in {@code dir}; its standard output, or a failure with everything it printed. */
    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        // never inheritIO: the test JVM's stdin and stdout are surefire's channel to it
        Path log = Files.createTempFile(dir, "command", ".log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // every prisma command first tries to download the native schema engine (peer README); pointing at any file
        // skips it
        pb.environment()
                .put(
                        "PRISMA_SCHEMA_ENGINE_BINARY",
                        Tools.find("true").orElseThrow().toString());
        pb.environment().put("PRISMA_HIDE_UPDATE_MESSAGE", "1");
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        Process p = pb.start();
        int status = p.waitFor();
        String output = Files.readString(log);
        Files.delete(log);
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed in " + dir + ":\n" + output);
        }
        return output;
    }

    public HttpResponse<String> post(String delegate, String operation, String body)
            throws IOException, InterruptedException {
        return post("/rpc/" + delegate + "/" + operation, body);
    }

    /** {@code path} under the peer, e.g. {@code /rpc/$transaction}. */
    public HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
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
