package dev.quarry.query.sql;

import dev.quarry.query.plan.Aggregate;
import dev.quarry.query.plan.AggregatePlan;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.FindPlan;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.plan.Limits;
import dev.quarry.query.plan.OrderItem;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.ReadPlan;
import dev.quarry.query.plan.Selection;
import dev.quarry.schema.model.FieldAccess;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ReadableFields;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link QueryPlan} → one SQL statement whose first column, {@code body}, is the response's JSON text built by
 * PostgreSQL, and whose optional column {@code total} is the number of rows the filter matches.
 *
 * <p>Every list of the answer is bounded by {@link Limits#maxRows()}: a list that the client's {@code take} does
 * not bound reads one row more than the limit, and when that row exists the list's JSON is an overflow marker
 * naming its path instead of its rows (which are then not built). The marker is a JSON string starting with U+0000,
 * which no stored text or jsonb can hold, so data cannot forge it. The outer select finds the first marker and
 * returns its path as column {@code overflow}, and returns {@code bytes}, the size of the body; the body itself
 * only when it has no marker and is within {@link Limits#maxResponseBytes()}. {@code AnswerBudget} turns both into
 * 400s.
 */
public final class QueryBuilder {

    private static final Sql ROW_NUMBER = Sql.ident("__quarry_rn");
    private static final Sql ROW_COUNT = Sql.ident("__quarry_n");
    /** The column a row source selects for a role that reads none of its model's columns. */
    private static final Sql NO_COLUMN = Sql.ident("__quarry_none");
    /**
     * A row source's projection: the model's columns the request's role may read ({@code
     * Statement#readableColumns}).
     */
    private static final Sql EVERY_READABLE_COLUMN = Sql.of("*");
    /** How an overflow marker starts, as JSON text: a string whose first character is U+0000. */
    private static final String OVERFLOW_MARK = "\"\\u0000quarry-rows ";

    private final Schema schema;
    private final Columns columns;
    private final Limits limits;

    /** With the default limits (tests, benchmarks). */
    public QueryBuilder(Schema schema) {
        this(schema, Limits.DEFAULT);
    }

    public QueryBuilder(Schema schema, Limits limits) {
        this.schema = schema;
        this.columns = new Columns(schema);
        this.limits = limits;
    }

    /** What a read statement returns beside its {@code body}. */
    public enum Output {
        BODY,
        /** {@code total}: the number of rows the filter matches, unpaged. */
        BODY_AND_TOTAL,
        /**
         * {@code tag}: the entity tag of the one row a {@code findUnique} names, evaluated by the same statement
         * and so from the same snapshot as the body.
         */
        BODY_AND_TAG,
        /**
         * No body: one row per element of a {@code findMany}'s answer, column {@code line}, its JSON text's UTF-8
         * bytes (a {@code bytea}, which reaches a stream as it is, with no decoding), in the answer's order.
         * No list is checked against {@link Limits#maxRows()} (a stream is exempt from it).
         */
        LINES
    }

    /** The statement of a request that sets no role (tests, benchmarks): its tag digests every column. */
    public SqlStatement build(QueryPlan plan, Output output) {
        return build(plan, output, ReadableFields.all());
    }

    /** @param readable what the request's role reads, which its entity tag digests */
    public SqlStatement build(QueryPlan plan, Output output, ReadableFields readable) {
        return statement(plan, output, readable).render();
    }

    /**
     * The body of {@code plan} (the expression {@link #build} selects) when its top-level rows are those of {@code
     * rows}, a relation with the model's columns (a write's {@code RETURNING *}), instead of the model's table;
     * related records are read from their tables.
     */
    public Sql bodyOver(FindPlan plan, Sql rows, ReadableFields readable) {
        Statement s = new Statement(readable, true, RowScope.of(plan.withDeleted()));
        s.written = rows;
        return s.find(plan, rows);
    }

    /** The statement before its parameters are numbered: {@link StatementCache} renders it with their sources. */
    Sql statement(QueryPlan plan, Output output, ReadableFields readable) {
        Statement s = new Statement(readable, output != Output.LINES, RowScope.of(plan.withDeleted()));
        if (output == Output.LINES) {
            return s.lines((FindPlan) plan);
        }
        Sql body;
        ReadPlan rows;
        if (plan instanceof FindPlan find) {
            body = s.find(find);
            rows = find.read();
        } else {
            AggregatePlan aggregate = (AggregatePlan) plan;
            body = aggregate.kind() == AggregatePlan.Kind.GROUP_BY ? s.groupBy(aggregate) : s.aggregate(aggregate);
            rows = aggregate.rows();
        }
        List<Sql> inner = new ArrayList<>(List.of(Sql.of(body, " AS body")));
        List<Sql> outer = new ArrayList<>();
        if (output == Output.BODY_AND_TOTAL) {
            inner.add(Sql.of(s.total(rows), " AS total"));
            outer.add(Sql.of("x.total"));
        } else if (output == Output.BODY_AND_TAG) {
            inner.add(Sql.of(s.tag(rows), " AS tag"));
            outer.add(Sql.of("x.tag"));
        }
        return answer(s, inner, outer);
    }

    /**
     * The answer of {@link #bodyOver}'s body, as {@link #build} selects it ({@code body}, {@code bytes} and, when a
     * list is checked against max-rows, {@code overflow}): the query of a write statement that reads back every row
     * it wrote ({@code WITH written AS (… RETURNING *) SELECT …}), its list in the order of the rows.
     */
    public Sql answerOver(FindPlan plan, Sql rows, ReadableFields readable) {
        Statement s = new Statement(readable, true, RowScope.of(plan.withDeleted()));
        s.written = rows;
        return answer(s, List.of(Sql.of(s.find(plan, rows), " AS body")), List.of());
    }

    /** {@code inner}: the body first, then the columns {@code extra} selects from {@code x}. */
    private Sql answer(Statement s, List<Sql> inner, List<Sql> extra) {
        Sql x = Sql.of("x");
        List<Sql> outer = new ArrayList<>(List.of(Sql.EMPTY, Sql.of("octet_length(x.body) AS bytes")));
        outer.addAll(extra);
        Sql sendable = Sql.of("octet_length(x.body) <= ", Long.toString(limits.maxResponseBytes()));
        // OFFSET 0 keeps x a subquery, so its body is built once however often the outer select refers to it
        Sql from = Sql.of(" FROM (SELECT ", Sql.join(", ", inner), " OFFSET 0) ", x);
        if (s.marked) {
            sendable = Sql.of(sendable, " AND o.at = 0");
            outer.add(Sql.of(
                    "CASE WHEN o.at > 0 THEN split_part(substr(x.body, o.at + ",
                    Integer.toString(OVERFLOW_MARK.length()),
                    "), '\"', 1) END AS overflow"));
            from = Sql.of(
                    from,
                    " CROSS JOIN LATERAL (SELECT strpos(x.body, ",
                    Sql.literal(OVERFLOW_MARK),
                    ") AS at OFFSET 0) o");
        }
        outer.set(0, Sql.of("CASE WHEN ", sendable, " THEN x.body END AS body"));
        return Sql.of("SELECT ", Sql.join(", ", outer), from);
    }

    /**
     * Whether a list of {@code read}'s answer (nested at any depth, or the read itself when it is a list) is not
     * bounded by the client's {@code take} and so is checked against {@link Limits#maxRows()} (a write's read-back
     * with such a list runs in a transaction, so that an overflow rolls the write back).
     */
    public boolean checksRows(ReadPlan read, boolean list) {
        if (list && !boundedByTake(read)) {
            return true;
        }
        return read.selection().items().stream()
                .anyMatch(item -> item instanceof Selection.Relation rel
                        && checksRows(rel.plan(), rel.hop().toMany()));
    }

    /** The client's take is at most {@link Limits#maxRows()} whenever given, so it alone bounds the list. */
    private boolean boundedByTake(ReadPlan read) {
        return read.limit().isPresent() && limits.maxTake() <= limits.maxRows();
    }

    /**
     * The entity tag of the row of {@code alias} as {@code readable}'s role sees it: a digest of the whole row, so
     * any change to it changes the tag; where field rules hide columns from some roles, a digest of the columns
     * this role may read (PostgreSQL refuses a statement that names a column its role may not read), so each role's
     * tag changes with what that role sees.
     */
    public static Sql entityTag(Model model, Sql alias, ReadableFields readable) {
        if (!FieldAccess.hasFieldReadRules(model)) {
            return Sql.of("md5(row_to_json(", alias, ")::text)");
        }
        return Sql.of(
                "md5(ROW(",
                Sql.join(
                        ", ",
                        readable.of(model).stream()
                                .map(f -> Fragments.column(alias, f))
                                .toList()),
                ")::text)");
    }

    /** The state of one statement being built: its aliases. */
    private final class Statement {

        private final Aliases aliases = new Aliases();
        /** What the request's role reads: the columns a row source selects and an entity tag digests. */
        private final ReadableFields readable;
        /** The rows of soft-delete models this statement reads. */
        private final RowScope scope;

        private final FilterRenderer filters;
        /** Whether lists that take does not bound are checked against max-rows. */
        private final boolean checked;
        /** Whether a list of this statement may answer with an overflow marker. */
        private boolean marked;
        /** A write's returned rows ({@link #bodyOver}): read as they are, a soft delete's included. */
        private Sql written;

        Statement(ReadableFields readable, boolean checked, RowScope scope) {
            this.readable = readable;
            this.checked = checked;
            this.scope = scope;
            this.filters = new FilterRenderer(columns, aliases, scope);
        }

        /**
         * The columns of {@code model}'s rows at {@code alias} as a row source selects them: all ({@code alias.*}),
         * or where field rules hide some from some roles, those this role may read (naming another fails the
         * statement).
         */
        private Sql readableColumns(Model model, Sql alias) {
            if (!FieldAccess.hasFieldReadRules(model)) {
                return Sql.of(alias, ".*");
            }
            List<Sql> columns = readable.of(model).stream()
                    .map(f -> Fragments.column(alias, f))
                    .toList();
            return columns.isEmpty() ? Sql.of("NULL AS ", NO_COLUMN) : Sql.join(", ", columns);
        }

        /**
         * See {@link Output#LINES}: the rows come reversed for a negative take, and are put back in the read's
         * order.
         */
        Sql lines(FindPlan find) {
            ReadPlan read = find.read();
            Sql r = aliases.next("r");
            Sql rows = rows(read, Optional.empty(), Optional.empty(), Links.table(read.model()), "$[*]", 0);
            return Sql.of(
                    "SELECT convert_to(",
                    r,
                    ".j::text, 'UTF8') AS line FROM (",
                    rows,
                    ") ",
                    r,
                    read.backwards() ? aggOrder(read, r) : Sql.EMPTY);
        }

        Sql find(FindPlan find) {
            return find(find, Links.table(find.read().model()));
        }

        Sql find(FindPlan find, Sql table) {
            ReadPlan read = find.read();
            if (find.single()) {
                Sql r = aliases.next("r");
                Sql rows = rows(read, Optional.empty(), Optional.empty(), table, "$", 0);
                return Sql.of("(SELECT ", r, ".j::text FROM (", rows, ") ", r, " LIMIT 1)");
            }
            return Sql.of(list(read, Optional.empty(), table, "$"), "::text");
        }

        /**
         * A to-many list as JSON (at {@code path} in the answer): its rows' objects in order, or, when it is not
         * bounded by take and has more than {@link Limits#maxRows()} rows, the overflow marker. The rows are then
         * counted before their objects are built ({@code count(*) OVER ()} over at most max+1 rows), and the
         * aggregate's FILTER skips building them all.
         */
        private Sql list(ReadPlan read, Optional<LinkTo> link, Sql table, String path) {
            Sql r = aliases.next("r");
            if (!checked || boundedByTake(read)) {
                Sql rows = rows(read, link, Optional.empty(), table, path + "[*]", 0);
                return Sql.of(
                        "(SELECT coalesce(json_agg(",
                        r,
                        ".j",
                        aggOrder(read, r),
                        "), '[]'::json) FROM (",
                        rows,
                        ") ",
                        r,
                        ")");
            }
            marked = true;
            String max = Integer.toString(limits.maxRows());
            Sql k = aliases.next("k");
            Sql rows = rows(read, link, Optional.of(EVERY_READABLE_COLUMN), table, path + "[*]", limits.maxRows() + 1);
            Sql counted = Sql.of("SELECT ", k, ".*, count(*) OVER () AS ", ROW_COUNT, " FROM (", rows, ") ", k);
            Sql objects = Sql.of(
                    "coalesce(json_agg(",
                    object(read, r, path + "[*]"),
                    aggOrder(read, r),
                    ") FILTER (WHERE ",
                    r,
                    ".",
                    ROW_COUNT,
                    " <= ",
                    max,
                    "), '[]'::json)");
            return Sql.of(
                    "(SELECT CASE WHEN max(",
                    r,
                    ".",
                    ROW_COUNT,
                    ") > ",
                    max,
                    " THEN ",
                    overflow(path),
                    " ELSE ",
                    objects,
                    " END FROM (",
                    counted,
                    ") ",
                    r,
                    ")");
        }

        /**
         * The overflow marker of the list at {@code path}: a JSON string of U+0000, {@code quarry-rows }, the path.
         */
        private Sql overflow(String path) {
            return Sql.of(Sql.literal(OVERFLOW_MARK + path + "\""), "::json");
        }

        Sql total(ReadPlan read) {
            ReadPlan unpaged = new ReadPlan(
                    read.model(),
                    read.filter(),
                    List.of(),
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    read.distinct(),
                    new Selection(List.of()));
            Sql r = aliases.next("r");
            return Sql.of("(SELECT count(*) FROM (", rows(unpaged, Optional.empty(), Sql.of("1")), ") ", r, ")");
        }

        Sql tag(ReadPlan read) {
            Sql t = aliases.next("t");
            return Sql.of(
                    "(SELECT ",
                    entityTag(read.model(), t, readable),
                    " FROM ",
                    Links.table(read.model()),
                    " ",
                    t,
                    " WHERE ",
                    scope.and(read.model(), t, filters.render(read.filter(), t)),
                    ")");
        }

        /**
         * The rows of a read: columns {@code j} (each row's JSON object, or {@code projection}) and {@code _o0…}
         * (sort keys), filtered, linked to a parent row when {@code link} is given, in order, paged.
         */
        Sql rows(ReadPlan read, Optional<LinkTo> link, Sql projection) {
            return rows(read, link, Optional.of(projection), Links.table(read.model()), "", 0);
        }

        /**
         * @param path where each row's object is in the answer (without a projection)
         * @param cap  when positive, read at most this many rows, whatever the client's take
         */
        Sql rows(ReadPlan read, Optional<LinkTo> link, Optional<Sql> projection, Sql table, String path, int cap) {
            Sql t = aliases.next("t");
            Model model = read.model();
            List<Sql> where = new ArrayList<>();
            link.ifPresent(l -> where.add(Links.link(l.hop(), l.parent(), t, aliases)));
            if (!(read.filter() instanceof Filter.Const c && c.value())) {
                where.add(filters.render(read.filter(), t));
            }
            read.cursor().ifPresent(cursor -> where.add(cursorCondition(read, cursor, t)));
            if (table != written) {
                scope.condition(model, t).ifPresent(where::add);
            }
            List<OrderItem> order = read.backwards()
                    ? read.orderBy().stream().map(OrderItem::reversed).toList()
                    : read.orderBy();

            Sql from;
            Sql a;
            List<Sql> outerWhere = new ArrayList<>();
            if (read.distinct().isEmpty()) {
                from = Sql.of(table, " ", t);
                outerWhere.addAll(where);
                a = t;
            } else {
                Sql s = aliases.next("s");
                List<Sql> partition = read.distinct().stream()
                        .map(f -> Sql.of(t, ".", Sql.ident(f.dbName())))
                        .toList();
                List<Sql> windowOrder = new ArrayList<>();
                for (OrderItem o : order) {
                    windowOrder.add(orderTerm(orderExpr(o, t), o));
                }
                Sql over = Sql.of(
                        "PARTITION BY ",
                        Sql.join(", ", partition),
                        windowOrder.isEmpty() ? Sql.EMPTY : Sql.of(" ORDER BY ", Sql.join(", ", windowOrder)));
                Sql inner = Sql.of(
                        "SELECT ",
                        readableColumns(model, t),
                        ", row_number() OVER (",
                        over,
                        ") AS ",
                        ROW_NUMBER,
                        " FROM ",
                        table,
                        " ",
                        t,
                        where.isEmpty() ? Sql.EMPTY : Sql.of(" WHERE ", Sql.join(" AND ", where)));
                from = Sql.of("(", inner, ") ", s);
                outerWhere.add(Sql.of(s, ".", ROW_NUMBER, " = 1"));
                a = s;
            }

            List<Sql> select = new ArrayList<>();
            select.add(projection
                    .map(p -> p == EVERY_READABLE_COLUMN ? readableColumns(model, a) : p)
                    .orElseGet(() -> Sql.of(object(read, a, path), " AS j")));
            List<Sql> orderBy = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                Sql key = Sql.ident("_o" + i);
                select.add(Sql.of(orderExpr(order.get(i), a), " AS ", key));
                orderBy.add(orderTerm(key, order.get(i)));
            }
            Sql sql = Sql.of("SELECT ", Sql.join(", ", select), " FROM ", from);
            if (!outerWhere.isEmpty()) {
                sql = Sql.of(sql, " WHERE ", Sql.join(" AND ", outerWhere));
            }
            if (!orderBy.isEmpty()) {
                sql = Sql.of(sql, " ORDER BY ", Sql.join(", ", orderBy));
            }
            return paged(sql, read, cap);
        }

        private Sql paged(Sql sql, ReadPlan read, int cap) {
            if (cap > 0) {
                String capped = Integer.toString(cap);
                sql = Sql.of(
                        sql,
                        " LIMIT ",
                        read.limit()
                                .map(l -> Sql.of("least(", Sql.bind(l), "::bigint, ", capped, ")"))
                                .orElse(Sql.of(capped)));
            } else if (read.limit().isPresent()) {
                sql = Sql.of(sql, " LIMIT ", Sql.bind(read.limit().get()), "::bigint");
            }
            if (read.offset().isPresent()) {
                sql = Sql.of(sql, " OFFSET ", Sql.bind(read.offset().get()), "::bigint");
            }
            return sql;
        }

        /**
         * {@code ORDER BY} inside {@code json_agg}, in the read's own direction (the rows may come reversed for a
         * negative take).
         */
        private Sql aggOrder(ReadPlan read, Sql r) {
            if (read.orderBy().isEmpty()) {
                return Sql.EMPTY;
            }
            List<Sql> terms = new ArrayList<>();
            for (int i = 0; i < read.orderBy().size(); i++) {
                terms.add(orderTerm(
                        Sql.of(r, ".", Sql.ident("_o" + i)), read.orderBy().get(i)));
            }
            return Sql.of(" ORDER BY ", Sql.join(", ", terms));
        }

        private Sql orderTerm(Sql expr, OrderItem o) {
            return Sql.of(expr, o.descending() ? " DESC" : " ASC", o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }

        /**
         * The sort key of {@code o} for the row of {@code a}: a column, or a correlated subquery along to-one hops.
         */
        private Sql orderExpr(OrderItem o, Sql a) {
            return orderExpr(o, o.hops(), a);
        }

        private Sql orderExpr(OrderItem o, List<Hop> hops, Sql a) {
            if (!hops.isEmpty()) {
                Hop hop = hops.get(0);
                Sql b = aliases.next("t");
                return Sql.of(
                        "(SELECT ",
                        orderExpr(o, hops.subList(1, hops.size()), b),
                        " FROM ",
                        Links.table(hop.to()),
                        " ",
                        b,
                        " WHERE ",
                        scope.and(hop.to(), b, Links.link(hop, a, b, aliases)),
                        " LIMIT 1)");
            }
            if (o.target() instanceof OrderItem.ByField f) {
                return Sql.of(a, ".", Sql.ident(f.field().dbName()));
            }
            if (o.target() instanceof OrderItem.ByRelevance r) {
                List<Sql> columns = r.fields().stream()
                        .map(f -> Sql.of(a, ".", Sql.ident(f.dbName())))
                        .toList();
                return Sql.of(
                        "ts_rank(to_tsvector(concat_ws(' ', ",
                        Sql.join(", ", columns),
                        ")), to_tsquery(",
                        Sql.bind(r.search()),
                        "))");
            }
            if (o.target() instanceof OrderItem.ByRelationCount c) {
                Sql b = aliases.next("t");
                return Sql.of(
                        "(SELECT count(*) FROM ",
                        Links.table(c.hop().to()),
                        " ",
                        b,
                        " WHERE ",
                        scope.and(c.hop().to(), b, Links.link(c.hop(), a, b, aliases)),
                        ")");
            }
            OrderItem.ByAggregate g = (OrderItem.ByAggregate) o.target();
            Optional<ScalarField> field = g.field();
            if (field.isEmpty()) {
                return Sql.of("count(*)");
            }
            return FilterRenderer.aggregate(
                    g.function(),
                    field.get(),
                    Sql.of(a, ".", Sql.ident(field.get().dbName())));
        }

        private boolean nullable(OrderItem o) {
            if (o.hops().stream().anyMatch(h -> !h.field().isRequired())) {
                return true;
            }
            return o.target() instanceof OrderItem.ByField f && !f.field().isRequired();
        }

        /**
         * Keyset pagination: rows at or after the cursor row in the (effective) order, compared with the cursor row
         * itself in one {@code EXISTS}; no cursor row, no rows, as Prisma.
         */
        private Sql cursorCondition(ReadPlan read, Filter cursor, Sql a) {
            Sql c = aliases.next("c");
            List<OrderItem> order = read.backwards()
                    ? read.orderBy().stream().map(OrderItem::reversed).toList()
                    : read.orderBy();
            List<Sql> alternatives = new ArrayList<>();
            List<Sql> equalSoFar = new ArrayList<>();
            for (OrderItem o : order) {
                Sql mine = orderExpr(o, a);
                Sql theirs = orderExpr(o, c);
                List<Sql> alt = new ArrayList<>(equalSoFar);
                alt.add(after(mine, theirs, o));
                alternatives.add(Sql.of("(", Sql.join(" AND ", alt), ")"));
                equalSoFar.add(Sql.of(mine, " IS NOT DISTINCT FROM ", theirs));
            }
            alternatives.add(equalSoFar.isEmpty() ? Sql.of("true") : Sql.of("(", Sql.join(" AND ", equalSoFar), ")"));
            Sql cursorRow = filters.render(cursor, c);
            if (!read.distinct().isEmpty() || order.stream().anyMatch(this::nullable)) {
                // Prisma applies a cursor in memory after distinct, and also when a sort key may be NULL (its SQL
                // lets every NULL through, then it drops the rows before the cursor row): the cursor row must
                // itself be one of the filtered rows, or there are no rows
                cursorRow = Sql.of(cursorRow, " AND ", filters.render(read.filter(), c));
            }
            return Sql.of(
                    "EXISTS (SELECT 1 FROM ",
                    Links.table(read.model()),
                    " ",
                    c,
                    " WHERE ",
                    scope.and(read.model(), c, cursorRow),
                    " AND (",
                    Sql.join(" OR ", alternatives),
                    "))");
        }

        /**
         * {@code x} comes strictly after {@code y} in the order of {@code o}, nulls placed as the order places
         * them.
         */
        private Sql after(Sql x, Sql y, OrderItem o) {
            Sql greater = Sql.of(x, o.descending() ? " < " : " > ", y);
            if (!nullable(o)) {
                return greater;
            }
            if (o.nullsFirst()) {
                return Sql.of("(", x, " IS NOT NULL AND (", y, " IS NULL OR ", greater, "))");
            }
            return Sql.of("(", y, " IS NOT NULL AND (", x, " IS NULL OR ", greater, "))");
        }

        // --- objects -----------------------------------------------------------------------------

        /** The JSON object of the row of {@code a}, which is at {@code path} in the answer. */
        private Sql object(ReadPlan read, Sql a, String path) {
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (Selection.Selected item : read.selection().items()) {
                keys.add(item.key());
                values.add(value(item, a, path + "." + item.key()));
            }
            return jsonObject(keys, values);
        }

        /**
         * {@code json_build_object} takes at most 100 arguments; wider objects are built from a row, which keeps
         * the key order.
         */
        private Sql jsonObject(List<String> names, List<Sql> values) {
            if (names.size() <= 50) {
                List<Sql> args = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    args.add(Sql.literal(names.get(i)));
                    args.add(values.get(i));
                }
                return Sql.of("json_build_object(", Sql.join(", ", args), ")");
            }
            Sql w = aliases.next("w");
            List<Sql> cols = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                cols.add(Sql.of(values.get(i), " AS ", Sql.ident(names.get(i))));
            }
            return Sql.of("(SELECT row_to_json(", w, ") FROM (SELECT ", Sql.join(", ", cols), ") ", w, ")");
        }

        private Sql value(Selection.Selected item, Sql a, String path) {
            return item.accept(new Selection.Visitor<Sql>() {
                @Override
                public Sql scalar(Selection.Scalar s) {
                    return columns.output(
                            s.field(), Sql.of(a, ".", Sql.ident(s.field().dbName())));
                }

                @Override
                public Sql relation(Selection.Relation rel) {
                    return Statement.this.relation(rel, a, path);
                }

                @Override
                public Sql counts(Selection.Counts counts) {
                    return Statement.this.counts(counts, a);
                }
            });
        }

        private Sql counts(Selection.Counts counts, Sql a) {
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (Selection.RelationCount count : counts.counts()) {
                Sql b = aliases.next("t");
                Sql cond = scope.and(count.hop().to(), b, Links.link(count.hop(), a, b, aliases));
                if (!(count.filter() instanceof Filter.Const c && c.value())) {
                    cond = Sql.of(cond, " AND ", filters.render(count.filter(), b));
                }
                keys.add(count.hop().field().name());
                values.add(
                        Sql.of("(SELECT count(*) FROM ", Links.table(count.hop().to()), " ", b, " WHERE ", cond, ")"));
            }
            return jsonObject(keys, values);
        }

        private Sql relation(Selection.Relation rel, Sql parent, String path) {
            Hop hop = rel.hop();
            if (!hop.toMany()) {
                Sql b = aliases.next("t");
                return Sql.of(
                        "(SELECT ",
                        object(rel.plan(), b, path),
                        " FROM ",
                        Links.table(hop.to()),
                        " ",
                        b,
                        " WHERE ",
                        scope.and(hop.to(), b, Links.link(hop, parent, b, aliases)),
                        " LIMIT 1)");
            }
            return list(rel.plan(), Optional.of(new LinkTo(hop, parent)), Links.table(hop.to()), path);
        }

        // --- aggregates --------------------------------------------------------------------------

        Sql aggregate(AggregatePlan plan) {
            Sql r = aliases.next("r");
            Sql rows = rows(plan.rows(), Optional.empty(), EVERY_READABLE_COLUMN);
            Sql value;
            if (plan.kind() == AggregatePlan.Kind.COUNT_NUMBER) {
                value = Sql.of("count(*)");
            } else if (plan.kind() == AggregatePlan.Kind.COUNT_OBJECT) {
                value = groupObject(plan.groups().get(0), r);
            } else {
                value = aggregatesObject(plan.groups(), r);
            }
            // GROUP BY (): one row even when nothing is aggregated (aggregate({}), _max={}), as Prisma answers {}
            return Sql.of("(SELECT (", value, ")::text FROM (", rows, ") ", r, " GROUP BY ())");
        }

        private Sql aggregatesObject(List<AggregatePlan.AggregateGroup> groups, Sql a) {
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (AggregatePlan.AggregateGroup g : groups) {
                keys.add(g.function().key);
                values.add(g.whole() ? Sql.of("count(*)") : groupObject(g, a));
            }
            return jsonObject(keys, values);
        }

        private Sql groupObject(AggregatePlan.AggregateGroup g, Sql a) {
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (Optional<ScalarField> f : g.fields()) {
                keys.add(f.map(ScalarField::name).orElse("_all"));
                values.add(
                        f.isEmpty()
                                ? Sql.of("count(*)")
                                : aggregateOutput(
                                        g.function(),
                                        f.get(),
                                        Sql.of(a, ".", Sql.ident(f.get().dbName()))));
            }
            return jsonObject(keys, values);
        }

        private Sql aggregateOutput(Aggregate fn, ScalarField f, Sql col) {
            Sql agg = FilterRenderer.aggregate(fn, f, col);
            switch (fn) {
                case COUNT:
                    return agg;
                case AVG:
                    return f.type() == ScalarType.DECIMAL
                            ? Columns.decimal(agg)
                            : Sql.of("(", agg, ")::double precision");
                case SUM:
                    if (f.type() == ScalarType.BIGINT) {
                        return Sql.of("(", agg, ")::text");
                    }
                    return f.type() == ScalarType.DECIMAL ? Columns.decimal(agg) : agg;
                default:
                    return columns.element(f, agg);
            }
        }

        Sql groupBy(AggregatePlan plan) {
            ReadPlan rows = plan.rows();
            Sql a = aliases.next("t");
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (ScalarField f : plan.by()) {
                keys.add(f.name());
                values.add(columns.output(f, Sql.of(a, ".", Sql.ident(f.dbName()))));
            }
            for (AggregatePlan.AggregateGroup g : plan.groups()) {
                keys.add(g.function().key);
                values.add(g.whole() ? Sql.of("count(*)") : groupObject(g, a));
            }
            List<Sql> select = new ArrayList<>();
            select.add(Sql.of(jsonObject(keys, values), " AS j"));
            List<Sql> orderBy = new ArrayList<>();
            for (int i = 0; i < plan.groupOrder().size(); i++) {
                Sql key = Sql.ident("_o" + i);
                select.add(Sql.of(orderExpr(plan.groupOrder().get(i), a), " AS ", key));
                orderBy.add(orderTerm(key, plan.groupOrder().get(i)));
            }
            Sql sql = Sql.of("SELECT ", Sql.join(", ", select), " FROM ", Links.table(rows.model()), " ", a);
            List<Sql> where = new ArrayList<>();
            if (!(rows.filter() instanceof Filter.Const c && c.value())) {
                where.add(filters.render(rows.filter(), a));
            }
            scope.condition(rows.model(), a).ifPresent(where::add);
            if (!where.isEmpty()) {
                sql = Sql.of(sql, " WHERE ", Sql.join(" AND ", where));
            }
            sql = Sql.of(
                    sql,
                    " GROUP BY ",
                    Sql.join(
                            ", ",
                            plan.by().stream()
                                    .map(f -> Sql.of(a, ".", Sql.ident(f.dbName())))
                                    .toList()));
            if (!(plan.having() instanceof Filter.Const c && c.value())) {
                sql = Sql.of(sql, " HAVING ", filters.render(plan.having(), a));
            }
            if (!orderBy.isEmpty()) {
                sql = Sql.of(sql, " ORDER BY ", Sql.join(", ", orderBy));
            }
            boolean checked = !boundedByTake(rows);
            sql = paged(sql, rows, checked ? limits.maxRows() + 1 : 0);
            Sql g = aliases.next("g");
            List<Sql> aggOrder = new ArrayList<>();
            for (int i = 0; i < plan.groupOrder().size(); i++) {
                aggOrder.add(orderTerm(
                        Sql.of(g, ".", Sql.ident("_o" + i)), plan.groupOrder().get(i)));
            }
            Sql groups = Sql.of(
                    "coalesce(json_agg(",
                    g,
                    ".j",
                    aggOrder.isEmpty() ? Sql.EMPTY : Sql.of(" ORDER BY ", Sql.join(", ", aggOrder)),
                    "), '[]'::json)");
            if (checked) {
                // a group's object is small and flat: the groups are built and then counted
                marked = true;
                groups = Sql.of(
                        "CASE WHEN count(*) > ",
                        Integer.toString(limits.maxRows()),
                        " THEN ",
                        overflow("$"),
                        " ELSE ",
                        groups,
                        " END");
            }
            return Sql.of("(SELECT (", groups, ")::text FROM (", sql, ") ", g, ")");
        }
    }

    private record LinkTo(Hop hop, Sql parent) {}
}
