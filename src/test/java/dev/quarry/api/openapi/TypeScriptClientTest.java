package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * openapi-typescript makes types from openapi/openapi.yaml, and the small fetch client of
 * src/test/ts-client type-checks against them (tsc --noEmit). Runs in a copy under target/.
 */
class TypeScriptClientTest {

    static final Path SOURCE = Path.of("src/test/ts-client");
    static final Path COPY = Path.of("target/ts-client");

    @Test
    void typesFromTheDocumentCheckTheClient() throws Exception {
        Path client = prepare(Documents.BLOG_YAML);
        assertEquals(0, run(client, Map.of(), "npx", "tsc", "--noEmit"), "tsc --noEmit");
    }

    /**
     * Copies the client, installs it with npm ci and generates the types of {@code document}; skips (fails under
     * CI) without node and npm.
     */
    static Path prepare(Path document) throws Exception {
        install();
        assertEquals(
                0,
                run(
                        COPY,
                        Map.of(),
                        "npx",
                        "openapi-typescript",
                        document.toAbsolutePath().toString(),
                        "-o",
                        "src/api.d.ts"),
                "openapi-typescript");
        return COPY;
    }

    /** Copies the client and installs it with npm ci (once); skips (fails under CI) without node and npm. */
    static Path install() throws Exception {
        Tools.require(
                available("node") && available("npm"),
                () -> "node/npm not found on PATH: the TypeScript client is not checked");
        copy(SOURCE, COPY);
        if (!Files.isDirectory(COPY.resolve("node_modules"))) {
            assertEquals(0, run(COPY, Map.of(), "npm", "ci", "--no-audit", "--no-fund"), "npm ci");
        }
        return COPY;
    }

    static int run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        // not inheritIO: output on the test JVM's own stdout corrupts surefire's channel
        Path log = Files.createTempFile("ts-client", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        System.out.println("$ " + String.join(" ", command) + "\n" + Files.readString(log));
        Files.delete(log);
        return finished ? process.exitValue() : -1;
    }

    private static boolean available(String program) {
        try {
            return new ProcessBuilder(program, "--version")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file :
                    files.filter(f -> !f.toString().contains("node_modules")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
