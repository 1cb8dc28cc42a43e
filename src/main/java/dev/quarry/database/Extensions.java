package dev.quarry.database;

import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.Datasource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The datasource's {@code extensions} list (Prisma's {@code postgresqlExtensions}), as database extensions. */
final class Extensions {

    /** {@code name} or {@code name(key: "value", …)}. */
    private static final Pattern ITEM =
            Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?\\s*", Pattern.DOTALL);

    private static final Pattern ARGUMENT = Pattern.compile("([A-Za-z]+)\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Extensions() {}

    static List<DbExtension> of(Datasource datasource) {
        ConfigValue value = datasource.properties().get("extensions");
        List<String> items = value instanceof ConfigValue.Array array
                ? array.values()
                : value instanceof ConfigValue.Raw raw ? List.of(raw.source()) : List.of();
        List<DbExtension> extensions = new ArrayList<>();
        for (String item : items) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                continue;
            }
            String name = m.group(1);
            Optional<String> schema = Optional.empty();
            Optional<String> version = Optional.empty();
            if (m.group(2) != null) {
                Matcher argument = ARGUMENT.matcher(m.group(2));
                while (argument.find()) {
                    String text = argument.group(2);
                    switch (argument.group(1)) {
                        case "map" -> name = text;
                        case "schema" -> schema = Optional.of(text);
                        case "version" -> version = Optional.of(text);
                        default -> {}
                    }
                }
            }
            extensions.add(new DbExtension(name, schema, version));
        }
        return extensions;
    }
}
