package dev.quarry.cli;

import dev.quarry.schema.model.ConfigValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Quarry reads of a {@code prisma.config.ts} (or {@code .js}, {@code .mjs}…) without running Node: the static
 * forms of {@code schema}, {@code migrations.path} and {@code datasource.url}/{@code directUrl}/{@code
 * shadowDatabaseUrl}, each a string literal, {@code env("NAME")} or {@code process.env.NAME}. Any other expression
 * there is refused with a sentence naming it, never guessed at.
 *
 * @param file the config file; relative paths in it resolve against its folder, as Prisma resolves them
 */
record PrismaConfig(
        Path file,
        Optional<String> schema,
        Optional<String> migrationsPath,
        Optional<ConfigValue> url,
        Optional<ConfigValue> directUrl,
        Optional<ConfigValue> shadowDatabaseUrl) {

    static final List<String> FILE_NAMES = List.of(
            "prisma.config.ts",
            "prisma.config.mts",
            "prisma.config.cts",
            "prisma.config.js",
            "prisma.config.mjs",
            "prisma.config.cjs");

    private static final String STRING = "\"([^\"]*)\"|'([^']*)'|`([^`$]*)`";
    private static final Pattern STRING_VALUE = Pattern.compile("^(?:" + STRING + ")$");
    private static final Pattern ENV_CALL = Pattern.compile("^env(?:<[^>]*>)?\\(\\s*[\"'`](\\w+)[\"'`]\\s*\\)$");
    private static final Pattern PROCESS_ENV =
            Pattern.compile("^process\\.env(?:\\.(\\w+)|\\[\\s*[\"'`](\\w+)[\"'`]\\s*])$");

    /** The first config file in {@code directory}, read. */
    static Optional<PrismaConfig> find(Path directory) {
        return FILE_NAMES.stream()
                .map(directory::resolve)
                .filter(Files::isRegularFile)
                .findFirst()
                .map(PrismaConfig::read);
    }

    static PrismaConfig read(Path file) {
        String text;
        try {
            text = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage());
        }
        String migrations = block(text, "migrations");
        String datasource = block(text, "datasource");
        return new PrismaConfig(
                file,
                property(file, topLevel(text), "schema").map(v -> literal(file, "schema", v)),
                property(file, migrations, "path").map(v -> literal(file, "migrations.path", v)),
                property(file, datasource, "url"),
                property(file, datasource, "directUrl"),
                property(file, datasource, "shadowDatabaseUrl"));
    }

    /** A path the config names, against the config's folder. */
    Path resolve(String path) {
        Path folder = file.getParent() == null ? Path.of("") : file.getParent();
        return folder.resolve(path).normalize();
    }

    /**
     * The text with the object literals of {@code migrations:} and {@code datasource:} blanked, so a key there is
     * not read as top-level.
     */
    private static String topLevel(String text) {
        return text.replaceAll(
                "\\b(migrations|datasource|experimental|views|typedSql|tables|enums)\\s*:\\s*\\{[^{}]*}", "");
    }

    /** The inside of {@code name: { … }}, or empty. */
    private static String block(String text, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*:\\s*\\{([^{}]*)}").matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static Optional<ConfigValue> property(Path file, String text, String key) {
        Matcher m = Pattern.compile("(?<![\\w.$])" + key + "\\s*:\\s*(" + STRING + "|[^,}\\n]+)")
                .matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String expression = m.group(1).strip();
        Matcher string = STRING_VALUE.matcher(expression);
        if (string.matches()) {
            return Optional.of(new ConfigValue.Text(firstNonNull(string.group(1), string.group(2), string.group(3))));
        }
        Matcher env = ENV_CALL.matcher(expression);
        if (env.matches()) {
            return Optional.of(new ConfigValue.Env(env.group(1)));
        }
        Matcher process = PROCESS_ENV.matcher(expression);
        if (process.matches()) {
            return Optional.of(new ConfigValue.Env(firstNonNull(process.group(1), process.group(2))));
        }
        throw new UserError(
                file + " sets " + key + " to `" + expression + "`, which Quarry cannot read without running Node; "
                        + "write a string literal or env(\"NAME\") there, or pass the value on the command line");
    }

    private static String literal(Path file, String key, ConfigValue value) {
        if (value instanceof ConfigValue.Text text) {
            return text.value();
        }
        throw new UserError(file + " sets " + key
                + " from an environment variable; Quarry reads a path there only as a string literal");
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        throw new IllegalStateException("no group matched");
    }

    /** Removes {@code //} and {@code /* *}{@code /} comments outside string literals. */
    static String withoutComments(String source) {
        StringBuilder out = new StringBuilder(source.length());
        char quote = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < source.length()) {
                    out.append(source.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
                out.append(c);
            } else if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 1;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
