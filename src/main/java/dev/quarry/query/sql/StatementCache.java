package dev.quarry.query.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.quarry.query.plan.Bindings;
import dev.quarry.query.plan.Bound;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Compiled reads by query shape. A plan's equality is its shape's ({@link Bound}), so a plan is its own key: the
 * first plan of a shape is compiled, and its statement is kept with, for each parameter, the position of the bound
 * value it binds in the plan's {@link Bindings}. The next plan of that shape is not compiled: its bound values,
 * taken at those positions, are the parameters of the kept text.
 */
public final class StatementCache {

    private static final Logger LOG = Logger.getLogger(StatementCache.class);

    /**
     * The most characters a kept shape may hold, its text and the values its key plan still carries (the first
     * request's): larger reads are compiled every time, so that a client cannot fill memory with big values in many
     * shapes. Typical reads are well under 4,000.
     */
    public static final int MAX_KEPT_CHARS = 16_384;

    private final QueryBuilder builder;
    private final Cache<Key, Template> templates;
    private final boolean verify;

    /**
     * @param size   the most shapes kept (least used go first); 0 compiles every read
     * @param verify compile every read all the same and fail when the kept statement differs (for tests)
     */
    public StatementCache(Schema schema, Limits limits, long size, boolean verify) {
        this.builder = new QueryBuilder(schema, limits);
        // upkeep (eviction) on the calling thread: no hand-off to another pool for a few map operations
        this.templates =
                Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
        this.verify = verify;
    }

    /** {@code readable}: the request role's view, which its entity tag digests (one of few canonical instances). */
    private record Key(QueryPlan plan, QueryBuilder.Output output, ReadableFields readable) {}

    /** A shape's statement: its text, and for each parameter the position of its value in the plan's bindings. */
    private record Template(String text, int[] positions) {}

    public SqlStatement statement(QueryPlan plan, QueryBuilder.Output output, ReadableFields readable) {
        Key key = new Key(plan, output, readable);
        Template template = templates.getIfPresent(key);
        if (template == null) {
            return compile(key);
        }
        SqlStatement statement = bind(template, Bindings.of(plan));
        if (verify) {
            SqlStatement fresh = builder.build(plan, output, readable);
            if (!fresh.text().equals(statement.text()) || !sameParams(fresh.params(), statement.params())) {
                throw new IllegalStateException(
                        "statement cache: the kept statement differs from a fresh compile\nkept:  " + statement.text()
                                + " " + describe(statement.params()) + "\nfresh: " + fresh.text() + " "
                                + describe(fresh.params()));
            }
        }
        return statement;
    }

    /** The number of shapes kept. */
    public long size() {
        templates.cleanUp();
        return templates.estimatedSize();
    }

    private SqlStatement compile(Key key) {
        List<Bound> sources = new ArrayList<>();
        SqlStatement statement =
                builder.statement(key.plan(), key.output(), key.readable()).render(sources);
        List<Bound> bindings = Bindings.of(key.plan());
        if (statement.text().length() + chars(bindings) > MAX_KEPT_CHARS) {
            return statement;
        }
        positions(sources, bindings)
                .ifPresentOrElse(positions -> templates.put(key, new Template(statement.text(), positions)), () -> {
                    if (verify) {
                        throw new IllegalStateException(
                                "statement cache: a parameter binds no value of the plan's bindings: "
                                        + statement.text());
                    }
                    LOG.debugf("not cached (a parameter binds no value of the plan): %s", statement.text());
                });
        return statement;
    }

    private static long chars(List<Bound> bindings) {
        long chars = 0;
        for (Bound b : bindings) {
            Object param = b.param();
            if (param instanceof String text) {
                chars += text.length();
            } else {
                for (String text : (String[]) param) {
                    chars += text.length();
                }
            }
        }
        return chars;
    }

    /**
     * Where each parameter's value sits in {@code bindings}; empty when one is not there (it would not be rebound).
     */
    private static Optional<int[]> positions(List<Bound> sources, List<Bound> bindings) {
        Map<Bound, Integer> position = new IdentityHashMap<>();
        for (int i = bindings.size() - 1; i >= 0; i--) {
            position.put(bindings.get(i), i);
        }
        int[] positions = new int[sources.size()];
        for (int i = 0; i < positions.length; i++) {
            Integer p = sources.get(i) == null ? null : position.get(sources.get(i));
            if (p == null) {
                return Optional.empty();
            }
            positions[i] = p;
        }
        return Optional.of(positions);
    }

    private static SqlStatement bind(Template template, List<Bound> bindings) {
        List<Object> params = new ArrayList<>(template.positions().length);
        for (int p : template.positions()) {
            params.add(bindings.get(p).param());
        }
        return new SqlStatement(template.text(), params);
    }

    private static boolean sameParams(List<Object> a, List<Object> b) {
        return a.size() == b.size() && Arrays.deepEquals(a.toArray(), b.toArray());
    }

    private static String describe(List<Object> params) {
        return params.stream()
                .map(p -> p instanceof Object[] array ? Arrays.toString(array) : Objects.toString(p))
                .toList()
                .toString();
    }
}
