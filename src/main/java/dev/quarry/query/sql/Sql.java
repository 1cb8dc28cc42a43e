package dev.quarry.query.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A fragment of SQL: text chunks and bind parameters, in order. Text comes only from constants in
 * this package ({@link #of}), from schema names ({@link #ident}, {@link #literal}); every value a
 * client sends is a {@link Param}, numbered {@code $1…$n} once, in {@link #render()}.
 */
public final class Sql {

    sealed interface Chunk permits Text, Param {}

    record Text(String text) implements Chunk {}

    /** A bind value: {@code null}, a {@code String}, or a {@code String[]}; always sent as text and cast in SQL. */
    record Param(Object value) implements Chunk {}

    public static final Sql EMPTY = new Sql(List.of());

    private final List<Chunk> chunks;

    private Sql(List<Chunk> chunks) {
        this.chunks = chunks;
    }

    /**
     * Concatenates parts: a {@code String} part is SQL text written in this package's source (keywords,
     * operators, punctuation), never a value; a {@code Sql} part is inserted as it is.
     */
    public static Sql of(Object... parts) {
        List<Chunk> out = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Sql sql) {
                out.addAll(sql.chunks);
            } else if (part instanceof String text) {
                out.add(new Text(text));
            } else {
                throw new IllegalArgumentException("not SQL: " + part);
            }
        }
        return new Sql(out);
    }

    /** A quoted identifier: the one place names become SQL ({@code "} doubled, NUL removed, as PostgREST's escapeIdent). */
    public static Sql ident(String name) {
        String clean = name.replace("\0", "");
        if (clean.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new IllegalArgumentException("identifier longer than 63 bytes: " + clean);
        }
        return new Sql(List.of(new Text("\"" + clean.replace("\"", "\"\"") + "\"")));
    }

    /** {@code "schema"."name"}, or {@code "name"} without a schema. */
    public static Sql qualified(java.util.Optional<String> schema, String name) {
        return schema.map(s -> of(ident(s), ".", ident(name))).orElseGet(() -> ident(name));
    }

    /**
     * A string literal for names that come from the validated schema (JSON keys, enum values), never for
     * client values: binding them would put dozens of constant parameters in every statement.
     */
    public static Sql literal(String schemaName) {
        return new Sql(List.of(new Text("'" + schemaName.replace("\0", "").replace("'", "''") + "'")));
    }

    /** A text bind parameter, {@code $n::text}: every value is sent as text and cast where it is used. */
    public static Sql param(String value) {
        return new Sql(List.of(new Param(value), new Text("::text")));
    }

    /** A text-array bind parameter, {@code $n::text[]}. */
    public static Sql paramArray(List<String> values) {
        return new Sql(List.of(new Param(values.toArray(new String[0])), new Text("::text[]")));
    }

    public static Sql join(String separator, List<Sql> parts) {
        List<Chunk> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.add(new Text(separator));
            }
            out.addAll(parts.get(i).chunks);
        }
        return new Sql(out);
    }

    public boolean isEmpty() {
        return chunks.isEmpty();
    }

    /** Numbers the parameters {@code $1…$n} in one pass, so text and parameters cannot get out of step. */
    public SqlStatement render() {
        StringBuilder text = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (chunk instanceof Text t) {
                text.append(t.text());
            } else {
                params.add(((Param) chunk).value());
                text.append('$').append(params.size());
            }
        }
        return new SqlStatement(text.toString(), params);
    }

    @Override
    public String toString() {
        return render().text();
    }
}
