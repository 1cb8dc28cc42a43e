package dev.quarry.generate.typescript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quarry.runtime.SchemaSource;
import dev.quarry.testsupport.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * src/test/typed-client, copied to target/typed-client with the clients it tests: the committed blog client
 * (openapi/clients/typescript) as clients/blog, and the clients generated now of the schema with every type as
 * clients/rich and of the soft-delete schema as clients/soft-delete. npm ci runs only when node_modules is missing
 * or older than package-lock.json; one {@code tsc} (strict) checks the type tests and emits the runtime tests
 * beside their sources, once per JVM.
 */
final class TypedClientProject {

    static final Path SOURCE = Path.of("src/test/typed-client");
    static final Path COPY = Path.of("target/typed-client");
    static final Path BLOG_CLIENT = Path.of("openapi/clients/typescript");
    static final String RICH_SCHEMA = "src/test/resources/schemas/openapi-rich.prisma";
    static final String SOFT_DELETE_SCHEMA = "src/test/resources/schema/soft-delete/api.prisma";

    /**
     * A system property, not a static field: each Quarkus test class loads this class anew, and the work is once
     * per JVM.
     */
    private static final String TSC_EXIT = "quarry.test.typedClient.tscExit";

    private TypedClientProject() {}

    /**
     * The project, compiled; the exit status of tsc is {@link #tscExit}. Skips (fails under CI) without node and
     * npm.
     */
    static synchronized Path compiled() throws Exception {
        requireNode();
        if (System.getProperty(TSC_EXIT) == null) {
            copyTree(SOURCE, COPY);
            copyTree(BLOG_CLIENT, COPY.resolve("clients/blog"));
            TypeScriptClientGenerator.write(
                    SchemaSource.load(RICH_SCHEMA).schema().orElseThrow(), COPY.resolve("clients/rich"));
            TypeScriptClientGenerator.write(
                    SchemaSource.load(SOFT_DELETE_SCHEMA).schema().orElseThrow(), COPY.resolve("clients/soft-delete"));
            install(COPY);
            System.setProperty(TSC_EXIT, String.valueOf(run(COPY, Map.of(), "npx", "tsc", "-p", ".")));
        }
        return COPY;
    }

    static synchronized int tscExit() throws Exception {
        compiled();
        return Integer.parseInt(System.getProperty(TSC_EXIT));
    }

    static void requireNode() {
        Tools.require(
                Tools.find("node").isPresent() && Tools.find("npm").isPresent(),
                () -> "node/npm not found on PATH (src/test/ops/install-tools.sh): the TypeScript client is not "
                        + "run");
    }

    /** npm ci when node_modules is missing or stale (older than the lock file). */
    static void install(Path project) throws IOException, InterruptedException {
        Path modules = project.resolve("node_modules");
        Path lock = project.resolve("package-lock.json");
        Path marker = modules.resolve(".package-lock.json");
        if (!Files.isRegularFile(marker)
                || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(lock)) < 0) {
            assertEquals(
                    0,
                    run(project, Map.of(), "npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"),
                    "npm ci in " + project);
        }
    }

    /** Runs {@code command} in {@code dir}; its output goes to the test's stdout. */
    static int run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        // not inheritIO: output on the test JVM's own stdout corrupts surefire's channel
        Path log = Files.createTempFile("typed-client", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean finished = process.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        System.out.println("$ " + String.join(" ", command) + "\n" + Files.readString(log));
        Files.delete(log);
        return finished ? process.exitValue() : -1;
    }

    /** Runs {@code command} in {@code dir}, which must succeed, and returns its standard output. */
    static String output(Path dir, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("typed-client", ".out");
        Path err = Files.createTempFile("typed-client", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of(command))
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            String stderr = Files.readString(err);
            assertEquals(
                    0,
                    process.isAlive() ? -1 : process.exitValue(),
                    String.join(" ", command) + " in " + dir + ":\n" + stderr);
            return Files.readString(out);
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }

    /**
     * Copies {@code from} into {@code to} (times kept: {@link #install} compares them), leaving out node_modules
     * and build output.
     */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.toString().contains("node_modules")
                            && !f.toString().contains(".next"))
                    .toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
