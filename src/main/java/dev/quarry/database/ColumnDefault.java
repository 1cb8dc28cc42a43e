package dev.quarry.database;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.RawSql;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** A column's default, in the forms Prisma distinguishes. */
public sealed interface ColumnDefault {

    /**
     * The SQL after {@code DEFAULT}, as Prisma writes it for a column of that type; empty for a serial's sequence.
     */
    String sql(ColumnType type, String defaultSchema);

    /** Whether two defaults mean the same (numbers by value, JSON without spaces, database expressions always). */
    boolean sameAs(ColumnDefault other);

    /** A constant: the text of a string, enum value or JSON document, or a number's or boolean's digits. */
    record Value(String text) implements ColumnDefault {
        @Override
        public String sql(ColumnType type, String defaultSchema) {
            return type.isNumericOrBoolean() ? text : Identifiers.literal(text);
        }

        @Override
        public boolean sameAs(ColumnDefault other) {
            if (!(other instanceof Value value)) {
                return false;
            }
            return text.equals(value.text)
                    || sameNumber(text, value.text)
                    || squash(text).equals(squash(value.text))
                    || sameJson(text, value.text)
                    || DateTimes.localPart(text)
                            .flatMap(t -> DateTimes.localPart(value.text).map(t::equals))
                            .orElse(false);
        }
    }

    /** {@code ARRAY['a', 'b']::TEXT[]}. */
    record ListValue(List<String> values) implements ColumnDefault {
        public ListValue {
            values = List.copyOf(values);
        }

        @Override
        public String sql(ColumnType type, String defaultSchema) {
            String elements = values.stream()
                    .map(v -> type.isNumericOrBoolean() ? v : Identifiers.literal(v))
                    .collect(Collectors.joining(", "));
            return "ARRAY[" + elements + "]::" + type.sql(defaultSchema);
        }

        @Override
        public boolean sameAs(ColumnDefault other) {
            if (!(other instanceof ListValue list) || list.values.size() != values.size()) {
                return false;
            }
            for (int i = 0; i < values.size(); i++) {
                if (!new Value(values.get(i)).sameAs(new Value(list.values.get(i)))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** {@code @default(now())}: {@code CURRENT_TIMESTAMP}. */
    record Now() implements ColumnDefault {
        @Override
        public String sql(ColumnType type, String defaultSchema) {
            return "CURRENT_TIMESTAMP";
        }

        @Override
        public boolean sameAs(ColumnDefault other) {
            return other instanceof Now;
        }
    }

    /** {@code nextval('"Table_id_seq"'::regclass)}: the sequence of a serial column. */
    record Sequence(String name) implements ColumnDefault {
        @Override
        public String sql(ColumnType type, String defaultSchema) {
            return "";
        }

        @Override
        public boolean sameAs(ColumnDefault other) {
            return other instanceof Sequence;
        }
    }

    /**
     * {@code @default(dbgenerated("gen_random_uuid()"))} or any expression read from a database.
     * PostgreSQL rewrites expressions in its own spelling, so two expressions are taken as the same,
     * as Prisma's differ does.
     */
    record Expression(RawSql sql) implements ColumnDefault {
        @Override
        public String sql(ColumnType type, String defaultSchema) {
            return sql.text();
        }

        @Override
        public boolean sameAs(ColumnDefault other) {
            return other instanceof Expression;
        }
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** JSON documents are the same whatever their spacing and key order ({@code jsonb} reorders keys). */
    private static boolean sameJson(String a, String b) {
        String first = a.strip();
        if (!(first.startsWith("{") || first.startsWith("["))) {
            return false;
        }
        try {
            ObjectMapper mapper = new ObjectMapper();
            return mapper.readTree(a).equals(mapper.readTree(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static String squash(String text) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (inString || !Character.isWhitespace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
