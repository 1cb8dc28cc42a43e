package dev.quarry.database;

import dev.quarry.schema.model.RawSql;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text of {@code pg_get_expr(adbin)} back into a {@link ColumnDefault}. */
final class DefaultParser {

    private static final Pattern NEXTVAL = Pattern.compile("nextval\\('(.*)'::regclass\\)");
    private static final Pattern NUMBER = Pattern.compile("\\(?(-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?)\\)?");
    private static final Pattern CAST = Pattern.compile("(::\\s*[\\w\" .()\\[\\],]+)+");

    private DefaultParser() {}

    static ColumnDefault parse(String expression) {
        String text = expression.trim();
        Matcher nextval = NEXTVAL.matcher(text);
        if (nextval.matches()) {
            return new ColumnDefault.Sequence(nextval.group(1).replace("\"", ""));
        }
        if (text.equals("CURRENT_TIMESTAMP") || text.equals("now()")) {
            return new ColumnDefault.Now();
        }
        if (text.startsWith("ARRAY[")) {
            int end = closingBracket(text, 5);
            String rest = text.substring(end + 1);
            if (end > 0 && (rest.isEmpty() || CAST.matcher(rest).matches())) {
                List<String> values = new ArrayList<>();
                for (String element : splitTopLevel(text.substring(6, end))) {
                    Optional<String> constant = constant(element.trim());
                    if (constant.isEmpty()) {
                        return new ColumnDefault.Expression(RawSql.readFromDatabase(text));
                    }
                    values.add(constant.get());
                }
                return new ColumnDefault.ListValue(values);
            }
        }
        return constant(text)
                .<ColumnDefault>map(ColumnDefault.Value::new)
                .orElse(new ColumnDefault.Expression(RawSql.readFromDatabase(text)));
    }

    /** A literal with optional casts: {@code 'a''b'::text} → {@code a'b}, {@code 42} → {@code 42}. */
    private static Optional<String> constant(String text) {
        if (text.equals("true") || text.equals("false")) {
            return Optional.of(text);
        }
        Matcher number = NUMBER.matcher(text);
        if (number.matches()) {
            return Optional.of(number.group(1));
        }
        if (text.startsWith("'")) {
            StringBuilder value = new StringBuilder();
            int i = 1;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == '\'') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                        value.append('\'');
                        i += 2;
                        continue;
                    }
                    String rest = text.substring(i + 1);
                    return rest.isEmpty() || CAST.matcher(rest).matches()
                            ? Optional.of(value.toString())
                            : Optional.empty();
                }
                value.append(c);
                i++;
            }
        }
        return Optional.empty();
    }

    /** The index of the {@code ]} that closes the {@code [} at {@code open}, skipping quoted text; -1 if none. */
    private static int closingBracket(String text, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '[') {
                depth++;
            } else if (!quoted && c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        if (text.isBlank()) {
            return parts;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
