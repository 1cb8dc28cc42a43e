package dev.quarry.query.sql;

import dev.quarry.query.plan.Bound;
import dev.quarry.schema.model.Identifiers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fragment of SQL: text chunks and bind parameters, in order. Text comes only from constants in
 * this package ({@link #of}), from schema names ({@link #ident}, {@link #literal}); every value a
 * client sends is a {@link Param}, numbered {@code $1…$n} once, in {@link #render()}.
 */
public final class Sql {

    sealed interface Chunk permits Text, Param {}

    record Text(String text) implements Chunk {}

    /**
     * A bind value: {@code null}, a {@code String}, or a {@code String[]}; always sent as text and cast in SQL.
     * {@code source} is the plan's value it binds, when it comes from a plan (see {@link StatementCache}).
     */
    record Param(Object value, Bound source) implements Chunk {}

    private static final Text TEXT_CAST = new Text("::text");
    private static final Text TEXT_ARRAY_CAST = new Text("::text[]");

    public static final Sql EMPTY = new Sql(new Object[0], 0);

    /**
     * Names and literals come from the schema, so they are few: each is escaped once. Bounded all the same, in case
     * a schema is huge.
     */
    private static final int MEMO_LIMIT = 10_000;

    private static final Map<String, Sql> IDENTS = new ConcurrentHashMap<>();
    private static final Map<String, Sql> LITERALS = new ConcurrentHashMap<>();

    /**
     * The parts as written, {@link Chunk}s and nested {@code Sql}s: concatenation keeps references, so a statement
     * built from nested fragments is copied once, in {@link #render()}, not at every level.
     */
    private final Object[] parts;

    private final int chunkCount;

    private Sql(Object[] parts, int chunkCount) {
        this.parts = parts;
        this.chunkCount = chunkCount;
    }

    private static Sql chunk(Chunk chunk) {
        return new Sql(new Object[] {chunk}, 1);
    }

    /**
     * Concatenates parts: a {@code String} part is SQL text written in this package's source (keywords,
     * operators, punctuation), never a value; a {@code Sql} part is inserted as it is.
     */
    public static Sql of(Object... parts) {
        Object[] out = new Object[parts.length];
        int chunks = 0;
        for (int i = 0; i < parts.length; i++) {
            Object part = parts[i];
            if (part instanceof Sql sql) {
                out[i] = sql;
                chunks += sql.chunkCount;
            } else if (part instanceof String text) {
                out[i] = new Text(text);
                chunks++;
            } else {
                throw new IllegalArgumentException("not SQL: " + part);
            }
        }
        return new Sql(out, chunks);
    }

    /**
     * A quoted identifier: the one place names become SQL ({@code "} doubled, NUL removed, as PostgREST's
     * escapeIdent).
     */
    public static Sql ident(String name) {
        Sql memo = IDENTS.get(name);
        if (memo != null) {
            return memo;
        }
        Sql sql = escapeIdent(name);
        if (IDENTS.size() < MEMO_LIMIT) {
            IDENTS.put(name, sql);
        }
        return sql;
    }

    private static Sql escapeIdent(String name) {
        String clean = name.replace("\0", "");
        if (clean.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new IllegalArgumentException("identifier longer than 63 bytes: " + clean);
        }
        return chunk(new Text(Identifiers.quote(clean)));
    }

    /** {@code "schema"."name"}, or {@code "name"} without a schema. */
    public static Sql qualified(Optional<String> schema, String name) {
        return schema.map(s -> of(ident(s), ".", ident(name))).orElseGet(() -> ident(name));
    }

    /**
     * A string literal for names that come from the validated schema (JSON keys, enum values), never for
     * client values: binding them would put dozens of constant parameters in every statement.
     */
    public static Sql literal(String schemaName) {
        Sql memo = LITERALS.get(schemaName);
        if (memo != null) {
            return memo;
        }
        Sql sql = chunk(new Text(Identifiers.literal(schemaName)));
        if (LITERALS.size() < MEMO_LIMIT) {
            LITERALS.put(schemaName, sql);
        }
        return sql;
    }

    /** A text bind parameter, {@code $n::text}: every value is sent as text and cast where it is used. */
    public static Sql param(String value) {
        return new Sql(new Object[] {new Param(value, null), TEXT_CAST}, 2);
    }

    /** A plan's bound value as a parameter: {@code $n::text}, or {@code $n::text[]} for a list. */
    public static Sql bind(Bound value) {
        Object param = value.param();
        return new Sql(
                new Object[] {new Param(param, value), param instanceof String[] ? TEXT_ARRAY_CAST : TEXT_CAST}, 2);
    }

    public static Sql join(String separator, List<Sql> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        Text between = new Text(separator);
        Object[] out = new Object[parts.size() * 2 - 1];
        int chunks = parts.size() - 1;
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out[2 * i - 1] = between;
            }
            out[2 * i] = parts.get(i);
            chunks += parts.get(i).chunkCount;
        }
        return new Sql(out, chunks);
    }

    public boolean isEmpty() {
        return chunkCount == 0;
    }

    /** Numbers the parameters {@code $1…$n} in one pass, so text and parameters cannot get out of step. */
    public SqlStatement render() {
        StringBuilder text = new StringBuilder(chunkCount * 12);
        List<Object> params = new ArrayList<>();
        renderInto(text, params, null);
        return new SqlStatement(text.toString(), params);
    }

    /** The statement, and for each parameter the plan value it binds ({@code null} for one that binds none). */
    SqlStatement render(List<Bound> sources) {
        StringBuilder text = new StringBuilder(chunkCount * 12);
        List<Object> params = new ArrayList<>();
        renderInto(text, params, sources);
        return new SqlStatement(text.toString(), params);
    }

    /**
     * Depth-first over the parts, iteratively: a fragment grown in a loop ({@code sql = of(sql, …)}) nests deeply.
     */
    private void renderInto(StringBuilder text, List<Object> params, List<Bound> sources) {
        Object[][] stack = new Object[16][];
        int[] next = new int[16];
        int depth = 0;
        stack[0] = parts;
        while (depth >= 0) {
            Object[] current = stack[depth];
            if (next[depth] == current.length) {
                depth--;
                continue;
            }
            Object part = current[next[depth]++];
            if (part instanceof Sql sql) {
                if (++depth == stack.length) {
                    stack = Arrays.copyOf(stack, depth * 2);
                    next = Arrays.copyOf(next, depth * 2);
                }
                stack[depth] = sql.parts;
                next[depth] = 0;
            } else if (part instanceof Text t) {
                text.append(t.text());
            } else {
                Param param = (Param) part;
                params.add(param.value());
                if (sources != null) {
                    sources.add(param.source());
                }
                text.append('$').append(params.size());
            }
        }
    }

    @Override
    public String toString() {
        return render().text();
    }
}
