package dev.quarry.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node.js folder of the test sources (package.json, package-lock.json, scripts) run from a copy under target/:
 * its packages installed once by {@code npm ci} and kept there for the next run; skips (fails under CI) without
 * node and npm.
 */
public final class NodeProject {

    private final Path copy;

    private NodeProject(Path copy) {
        this.copy = copy;
    }

    /** The folder {@code source} copied to {@code target/<its name>}, its packages installed. */
    public static NodeProject prepare(Path source) throws IOException, InterruptedException {
        Tools.require(
                Tools.find("node").isPresent() && Tools.find("npm").isPresent(), () -> "node/npm not found on PATH");
        Path copy = Path.of("target").resolve(source.getFileName());
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file :
                    files.filter(f -> !f.toString().contains("node_modules")).toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        NodeProject project = new NodeProject(copy);
        if (!Files.isDirectory(copy.resolve("node_modules"))) {
            Result install = project.run(Map.of(), 600, "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
            Tools.require(
                    install.exitCode() == 0, () -> "npm ci in " + copy + " failed (offline?):\n" + install.output());
        }
        return project;
    }

    public Path folder() {
        return copy;
    }

    /**
     * What a run printed (stdout and stderr together) and its exit code, -1 when it was stopped at the time limit.
     */
    public record Result(int exitCode, String output) {}

    public Result run(Map<String, String> environment, int timeoutSeconds, String... command)
            throws IOException, InterruptedException {
        // not inheritIO: output on the test JVM's own stdout corrupts surefire's channel
        Path log = Files.createTempFile("node", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(copy.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        Files.delete(log);
        System.out.println("$ " + String.join(" ", command) + "\n" + output);
        return new Result(finished ? process.exitValue() : -1, output);
    }
}
