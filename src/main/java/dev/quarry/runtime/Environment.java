package dev.quarry.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Environment variables as Prisma's CLI reads them: the process environment first, then the {@code .env} files of
 * the project ({@code KEY=value}, optional quotes, {@code #} comments), see {@link #of}.
 */
public final class Environment {

    private final Map<String, String> process;
    private final Map<String, String> dotEnv;

    Environment(Map<String, String> process, Map<String, String> dotEnv) {
        this.process = process;
        this.dotEnv = dotEnv;
    }

    /** The variables of a command run in the working folder, before any schema is found. */
    public static Environment current() {
        return of(Path.of(""), Optional.empty());
    }

    /**
     * The variables of a command run in {@code directory}, from the files Prisma's CLI loads: the {@code .env}
     * beside the nearest {@code package.json} at or above the folder (the project's root), then the first {@code
     * .env} of the schema's folder (when the user named the schema), {@code prisma/} and the folder itself. A
     * variable of the root's file wins over the schema's, as neither overrides what is already set.
     *
     * @param schemaFolder the folder of the schema the user named (with {@code --schema} or {@code package.json})
     */
    public static Environment of(Path directory, Optional<Path> schemaFolder) {
        Map<String, String> dotEnv = new LinkedHashMap<>();
        projectRoot(directory).ifPresent(root -> dotEnv.putAll(readDotEnv(root.resolve(".env"))));
        Stream.concat(schemaFolder.stream(), Stream.of(directory.resolve("prisma"), directory))
                .map(folder -> folder.resolve(".env"))
                .filter(Files::isRegularFile)
                .findFirst()
                .ifPresent(file -> readDotEnv(file).forEach(dotEnv::putIfAbsent));
        return new Environment(System.getenv(), dotEnv);
    }

    private static Optional<Path> projectRoot(Path directory) {
        for (Path folder = directory.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("package.json"))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    public Optional<String> get(String name) {
        String value = process.get(name);
        if (value == null || value.isEmpty()) {
            value = dotEnv.get(name);
        }
        return Optional.ofNullable(value).filter(v -> !v.isEmpty());
    }

    static Map<String, String> readDotEnv(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(file)) {
                parseLine(line.strip()).ifPresent(entry -> values.put(entry.getKey(), entry.getValue()));
            }
        } catch (IOException e) {
            // An unreadable .env is the same as none: the process environment still applies.
        }
        return values;
    }

    static Optional<Map.Entry<String, String>> parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        if (line.startsWith("export ")) {
            line = line.substring("export ".length()).strip();
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (isQuoted(value)) {
            value = unquote(value);
        } else {
            int comment = value.indexOf(" #");
            if (comment >= 0) {
                value = value.substring(0, comment).strip();
            }
        }
        return Optional.of(Map.entry(key, value));
    }

    /**
     * A value as {@code .env} quotes it ({@code "…"} or {@code '…'}) without its quotes. Quarkus's own {@code .env}
     * source keeps them, so what reads a variable through Quarkus's configuration unquotes it here.
     */
    public static String unquote(String value) {
        return isQuoted(value) ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean isQuoted(String value) {
        return value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
    }
}
