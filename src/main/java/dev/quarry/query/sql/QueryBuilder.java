package dev.quarry.query.sql;

import dev.quarry.query.plan.Aggregate;
import dev.quarry.query.plan.AggregatePlan;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.FindPlan;
import dev.quarry.query.plan.Hop;
import dev.quarry.query.plan.OrderItem;
import dev.quarry.query.plan.QueryPlan;
import dev.quarry.query.plan.ReadPlan;
import dev.quarry.query.plan.Selection;
import dev.quarry.schema.model.FieldAccess;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link QueryPlan} → one SQL statement whose first column, {@code body}, is the response's JSON text built by
 * PostgreSQL, and whose optional second column, {@code total}, is the number of rows the filter matches.
 */
public final class QueryBuilder {

    private static final Sql ROW_NUMBER = Sql.ident("__quarry_rn");

    private final Schema schema;
    private final Columns columns;

    public QueryBuilder(Schema schema) {
        this.schema = schema;
        this.columns = new Columns(schema);
    }

    /** What a read statement returns beside its {@code body}. */
    public enum Output {
        BODY,
        /** {@code total}: the number of rows the filter matches, unpaged. */
        BODY_AND_TOTAL,
        /**
         * {@code tag}: the entity tag of the one row a {@code findUnique} names, evaluated by the same statement and so
         * from the same snapshot as the body.
         */
        BODY_AND_TAG
    }

    public SqlStatement build(QueryPlan plan, Output output) {
        return statement(plan, output).render();
    }

    /**
     * The body of {@code plan} (the expression {@link #build} selects) when its top-level rows are those of
     * {@code rows}, a relation with the model's columns (a write's {@code RETURNING *}), instead of the model's table;
     * related records are read from their tables.
     */
    public Sql bodyOver(FindPlan plan, Sql rows) {
        return new Statement().find(plan, rows);
    }

    /** The statement before its parameters are numbered: {@link StatementCache} renders it with their sources. */
    Sql statement(QueryPlan plan, Output output) {
        Statement s = new Statement();
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
        Sql select = Sql.of("SELECT ", body, " AS body");
        if (output == Output.BODY_AND_TOTAL) {
            select = Sql.of(select, ", ", s.total(rows), " AS total");
        } else if (output == Output.BODY_AND_TAG) {
            select = Sql.of(select, ", ", s.tag(rows), " AS tag");
        }
        return select;
    }

    /**
     * The entity tag of the row of {@code alias}: a digest of the whole row, so any change to it changes the tag. Where
     * field rules hide columns from some roles, a digest of the columns every role may read, so that any role can
     * compute it (PostgreSQL refuses a statement that names a column its role may not read).
     */
    public static Sql entityTag(Model model, Sql alias) {
        return FieldAccess.readableByEveryRole(model)
                .map(fields -> Sql.of("md5(ROW(", Sql.join(", ", fields.stream().map(f -> Fragments.column(alias, f)).toList()), ")::text)"))
                .orElseGet(() -> Sql.of("md5(row_to_json(", alias, ")::text)"));
    }

    /** The state of one statement being built: its aliases. */
    private final class Statement {

        private final Aliases aliases = new Aliases();
        private final FilterRenderer filters = new FilterRenderer(columns, aliases);

        Sql find(FindPlan find) {
            return find(find, Links.table(find.read().model()));
        }

        Sql find(FindPlan find, Sql table) {
            Sql r = aliases.next("r");
            ReadPlan read = find.read();
            Sql rows = rows(read, Optional.empty(), Optional.empty(), table);
            if (find.single()) {
                return Sql.of("(SELECT ", r, ".j::text FROM (", rows, ") ", r, " LIMIT 1)");
            }
            return Sql.of("(SELECT coalesce(json_agg(", r, ".j", aggOrder(read, r), "), '[]'::json)::text FROM (", rows, ") ", r, ")");
        }

        Sql total(ReadPlan read) {
            ReadPlan unpaged = new ReadPlan(read.model(), read.filter(), List.of(), Optional.empty(), false, Optional.empty(), Optional.empty(),
                    read.distinct(), new Selection(List.of()));
            Sql r = aliases.next("r");
            return Sql.of("(SELECT count(*) FROM (", rows(unpaged, Optional.empty(), Optional.of(Sql.of("1"))), ") ", r, ")");
        }

        Sql tag(ReadPlan read) {
            Sql t = aliases.next("t");
            return Sql.of("(SELECT ", entityTag(read.model(), t), " FROM ", Links.table(read.model()), " ", t, " WHERE ", filters.render(read.filter(), t), ")");
        }

        /**
         * The rows of a read: columns {@code j} (each row's JSON object, or {@code projection}) and {@code _o0…} (sort keys),
         * filtered, linked to a parent row when {@code link} is given, in order, paged.
         */
        Sql rows(ReadPlan read, Optional<LinkTo> link, Optional<Sql> projection) {
            return rows(read, link, projection, Links.table(read.model()));
        }

        Sql rows(ReadPlan read, Optional<LinkTo> link, Optional<Sql> projection, Sql table) {
            Sql t = aliases.next("t");
            Model model = read.model();
            List<Sql> where = new ArrayList<>();
            link.ifPresent(l -> where.add(Links.link(l.hop(), l.parent(), t, aliases)));
            if (!(read.filter() instanceof Filter.Const c && c.value())) {
                where.add(filters.render(read.filter(), t));
            }
            read.cursor().ifPresent(cursor -> where.add(cursorCondition(read, cursor, t)));
            List<OrderItem> order = read.backwards() ? read.orderBy().stream().map(OrderItem::reversed).toList() : read.orderBy();

            Sql from;
            Sql a;
            List<Sql> outerWhere = new ArrayList<>();
            if (read.distinct().isEmpty()) {
                from = Sql.of(table, " ", t);
                outerWhere.addAll(where);
                a = t;
            } else {
                Sql s = aliases.next("s");
                List<Sql> partition = read.distinct().stream().map(f -> Sql.of(t, ".", Sql.ident(f.dbName()))).toList();
                List<Sql> windowOrder = new ArrayList<>();
                for (OrderItem o : order) {
                    windowOrder.add(orderTerm(orderExpr(o, t), o));
                }
                Sql over = Sql.of("PARTITION BY ", Sql.join(", ", partition), windowOrder.isEmpty() ? Sql.EMPTY : Sql.of(" ORDER BY ", Sql.join(", ", windowOrder)));
                Sql inner = Sql.of("SELECT ", t, ".*, row_number() OVER (", over, ") AS ", ROW_NUMBER, " FROM ", table, " ", t,
                        where.isEmpty() ? Sql.EMPTY : Sql.of(" WHERE ", Sql.join(" AND ", where)));
                from = Sql.of("(", inner, ") ", s);
                outerWhere.add(Sql.of(s, ".", ROW_NUMBER, " = 1"));
                a = s;
            }

            List<Sql> select = new ArrayList<>();
            select.add(projection.orElseGet(() -> Sql.of(object(read, a), " AS j")));
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
            return paged(sql, read);
        }

        private Sql paged(Sql sql, ReadPlan read) {
            if (read.limit().isPresent()) {
                sql = Sql.of(sql, " LIMIT ", Sql.bind(read.limit().get()), "::bigint");
            }
            if (read.offset().isPresent()) {
                sql = Sql.of(sql, " OFFSET ", Sql.bind(read.offset().get()), "::bigint");
            }
            return sql;
        }

        /** {@code ORDER BY} inside {@code json_agg}, in the read's own direction (the rows may come reversed for a negative take). */
        private Sql aggOrder(ReadPlan read, Sql r) {
            if (read.orderBy().isEmpty()) {
                return Sql.EMPTY;
            }
            List<Sql> terms = new ArrayList<>();
            for (int i = 0; i < read.orderBy().size(); i++) {
                terms.add(orderTerm(Sql.of(r, ".", Sql.ident("_o" + i)), read.orderBy().get(i)));
            }
            return Sql.of(" ORDER BY ", Sql.join(", ", terms));
        }

        private Sql orderTerm(Sql expr, OrderItem o) {
            return Sql.of(expr, o.descending() ? " DESC" : " ASC", o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
        }

        /** The sort key of {@code o} for the row of {@code a}: a column, or a correlated subquery along to-one hops. */
        private Sql orderExpr(OrderItem o, Sql a) {
            return orderExpr(o, o.hops(), a);
        }

        private Sql orderExpr(OrderItem o, List<Hop> hops, Sql a) {
            if (!hops.isEmpty()) {
                Hop hop = hops.get(0);
                Sql b = aliases.next("t");
                return Sql.of("(SELECT ", orderExpr(o, hops.subList(1, hops.size()), b), " FROM ", Links.table(hop.to()), " ", b, " WHERE ",
                        Links.link(hop, a, b, aliases), " LIMIT 1)");
            }
            if (o.target() instanceof OrderItem.ByField f) {
                return Sql.of(a, ".", Sql.ident(f.field().dbName()));
            }
            if (o.target() instanceof OrderItem.ByRelevance r) {
                List<Sql> columns = r.fields().stream().map(f -> Sql.of(a, ".", Sql.ident(f.dbName()))).toList();
                return Sql.of("ts_rank(to_tsvector(concat_ws(' ', ", Sql.join(", ", columns), ")), to_tsquery(", Sql.bind(r.search()), "))");
            }
            if (o.target() instanceof OrderItem.ByRelationCount c) {
                Sql b = aliases.next("t");
                return Sql.of("(SELECT count(*) FROM ", Links.table(c.hop().to()), " ", b, " WHERE ", Links.link(c.hop(), a, b, aliases), ")");
            }
            OrderItem.ByAggregate g = (OrderItem.ByAggregate) o.target();
            Optional<ScalarField> field = g.field();
            if (field.isEmpty()) {
                return Sql.of("count(*)");
            }
            return FilterRenderer.aggregate(g.function(), field.get(), Sql.of(a, ".", Sql.ident(field.get().dbName())));
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
            List<OrderItem> order = read.backwards() ? read.orderBy().stream().map(OrderItem::reversed).toList() : read.orderBy();
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
            if (!read.distinct().isEmpty()) {
                // Prisma applies a cursor after distinct, in memory: the cursor row must itself be one of the filtered rows
                cursorRow = Sql.of(cursorRow, " AND ", filters.render(read.filter(), c));
            }
            return Sql.of("EXISTS (SELECT 1 FROM ", Links.table(read.model()), " ", c, " WHERE ", cursorRow, " AND (",
                    Sql.join(" OR ", alternatives), "))");
        }

        /** {@code x} comes strictly after {@code y} in the order of {@code o}, nulls placed as the order places them. */
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

        /** The JSON object of the row of {@code a}. */
        private Sql object(ReadPlan read, Sql a) {
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (Selection.Selected item : read.selection().items()) {
                keys.add(item.key());
                values.add(value(item, a));
            }
            return jsonObject(keys, values);
        }

        /** {@code json_build_object} takes at most 100 arguments; wider objects are built from a row, which keeps the key order. */
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

        private Sql value(Selection.Selected item, Sql a) {
            if (item instanceof Selection.Scalar s) {
                return columns.output(s.field(), Sql.of(a, ".", Sql.ident(s.field().dbName())));
            }
            if (item instanceof Selection.Relation rel) {
                return relation(rel, a);
            }
            Selection.Counts counts = (Selection.Counts) item;
            List<String> keys = new ArrayList<>();
            List<Sql> values = new ArrayList<>();
            for (Selection.RelationCount count : counts.counts()) {
                Sql b = aliases.next("t");
                Sql cond = Links.link(count.hop(), a, b, aliases);
                if (!(count.filter() instanceof Filter.Const c && c.value())) {
                    cond = Sql.of(cond, " AND ", filters.render(count.filter(), b));
                }
                keys.add(count.hop().field().name());
                values.add(Sql.of("(SELECT count(*) FROM ", Links.table(count.hop().to()), " ", b, " WHERE ", cond, ")"));
            }
            return jsonObject(keys, values);
        }

        private Sql relation(Selection.Relation rel, Sql parent) {
            Hop hop = rel.hop();
            if (!hop.toMany()) {
                Sql b = aliases.next("t");
                return Sql.of("(SELECT ", object(rel.plan(), b), " FROM ", Links.table(hop.to()), " ", b, " WHERE ", Links.link(hop, parent, b, aliases),
                        " LIMIT 1)");
            }
            Sql r = aliases.next("r");
            Sql rows = rows(rel.plan(), Optional.of(new LinkTo(hop, parent)), Optional.empty());
            return Sql.of("(SELECT coalesce(json_agg(", r, ".j", aggOrder(rel.plan(), r), "), '[]'::json) FROM (", rows, ") ", r, ")");
        }

        // --- aggregates --------------------------------------------------------------------------

        Sql aggregate(AggregatePlan plan) {
            Sql r = aliases.next("r");
            Sql rows = rows(plan.rows(), Optional.empty(), Optional.of(Sql.of("*")));
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
                values.add(f.isEmpty() ? Sql.of("count(*)") : aggregateOutput(g.function(), f.get(), Sql.of(a, ".", Sql.ident(f.get().dbName()))));
            }
            return jsonObject(keys, values);
        }

        private Sql aggregateOutput(Aggregate fn, ScalarField f, Sql col) {
            Sql agg = FilterRenderer.aggregate(fn, f, col);
            switch (fn) {
                case COUNT:
                    return agg;
                case AVG:
                    return f.type() == ScalarType.DECIMAL ? Columns.decimal(agg) : Sql.of("(", agg, ")::double precision");
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
            if (!(rows.filter() instanceof Filter.Const c && c.value())) {
                sql = Sql.of(sql, " WHERE ", filters.render(rows.filter(), a));
            }
            sql = Sql.of(sql, " GROUP BY ", Sql.join(", ", plan.by().stream().map(f -> Sql.of(a, ".", Sql.ident(f.dbName()))).toList()));
            if (!(plan.having() instanceof Filter.Const c && c.value())) {
                sql = Sql.of(sql, " HAVING ", filters.render(plan.having(), a));
            }
            if (!orderBy.isEmpty()) {
                sql = Sql.of(sql, " ORDER BY ", Sql.join(", ", orderBy));
            }
            sql = paged(sql, rows);
            Sql g = aliases.next("g");
            List<Sql> aggOrder = new ArrayList<>();
            for (int i = 0; i < plan.groupOrder().size(); i++) {
                aggOrder.add(orderTerm(Sql.of(g, ".", Sql.ident("_o" + i)), plan.groupOrder().get(i)));
            }
            return Sql.of("(SELECT coalesce(json_agg(", g, ".j", aggOrder.isEmpty() ? Sql.EMPTY : Sql.of(" ORDER BY ", Sql.join(", ", aggOrder)),
                    "), '[]'::json)::text FROM (", sql, ") ", g, ")");
        }
    }

    private record LinkTo(Hop hop, Sql parent) {}
}
