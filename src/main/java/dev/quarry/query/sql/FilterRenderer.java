package dev.quarry.query.sql;

import dev.quarry.query.plan.Aggregate;
import dev.quarry.query.plan.Bound;
import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Hop;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** {@link Filter} → a SQL condition on the row of one alias. */
final class FilterRenderer {

    private final Columns columns;
    private final Aliases aliases;
    /** The related rows a relation filter sees (soft-deleted ones are absent but for {@code withDeleted}). */
    private final RowScope scope;

    private final boolean joinedToOne;

    /** A read's filters: a to-one relation filter as Prisma's LEFT JOIN (see {@link #related}). */
    FilterRenderer(Columns columns, Aliases aliases, RowScope scope) {
        this(columns, aliases, scope, true);
    }

    /**
     * @param joinedToOne false for the {@code WHERE} of an {@code UPDATE} or {@code DELETE}, where Prisma 7 cannot
     * join
     * and tests a to-one relation with a plain {@code [NOT] EXISTS}: a NULL on the related row is
     * then false under a negation too, so {@code updateMany} may touch rows {@code findMany} with
     *                    the same {@code where} does not return
     */
    FilterRenderer(Columns columns, Aliases aliases, RowScope scope, boolean joinedToOne) {
        this.columns = columns;
        this.aliases = aliases;
        this.scope = scope;
        this.joinedToOne = joinedToOne;
    }

    Sql render(Filter filter, Sql alias) {
        return render(filter, alias, column(alias));
    }

    /** @param column the SQL of each field's value (a column, or an aggregate of it in {@code having}) */
    Sql render(Filter filter, Sql alias, Function<ScalarField, Sql> column) {
        return render(filter, alias, column, false);
    }

    /**
     * @param negated the condition sits under an odd number of negations, where a NULL differs from false: there a
     *                to-one relation filter must keep the NULL its condition gives, as Prisma's LEFT JOIN does
     */
    private Sql render(Filter filter, Sql alias, Function<ScalarField, Sql> column, boolean negated) {
        return filter.accept(new Condition(alias, column, negated));
    }

    static Sql aggregate(Aggregate fn, ScalarField valueField, Sql col) {
        switch (fn) {
            case COUNT:
                return Sql.of("count(", col, ")");
            case AVG:
                return Sql.of("avg(", col, ")");
            case SUM:
                return Sql.of("sum(", col, ")");
            case MIN:
                return valueField.type() == ScalarType.BOOLEAN
                        ? Sql.of("bool_and(", col, ")")
                        : Sql.of("min(", orderable(valueField, col), ")");
            default:
                return valueField.type() == ScalarType.BOOLEAN
                        ? Sql.of("bool_or(", col, ")")
                        : Sql.of("max(", orderable(valueField, col), ")");
        }
    }

    /** min/max exist for text but not for every String column type (uuid has none). */
    private static Sql orderable(ScalarField field, Sql col) {
        return field.type() == ScalarType.STRING ? Sql.of("(", col, ")::text") : col;
    }

    private static Sql jsonTarget(Sql col, Optional<Bound.Texts> path) {
        return path.map(p -> Sql.of("(", col, " #> ", Sql.bind(p), ")")).orElse(col);
    }

    private Sql json(Filter.JsonCondition j, Sql col) {
        Sql target = jsonTarget(col, j.path());
        Sql operand = Sql.of(Sql.bind(j.operand()), "::jsonb");
        switch (j.op()) {
            case EQUALS:
                return Sql.of(target, " = ", operand);
            case STRING_CONTAINS:
            case STRING_STARTS_WITH:
            case STRING_ENDS_WITH:
                return Sql.of(
                        "(jsonb_typeof(",
                        target,
                        ") = 'string' AND (",
                        target,
                        " #>> '{}') ",
                        j.insensitive() ? "ILIKE " : "LIKE ",
                        Sql.bind(j.operand()),
                        ")");
            case ARRAY_CONTAINS:
                return Sql.of("(jsonb_typeof(", target, ") = 'array' AND ", target, " @> ", operand, ")");
            case ARRAY_STARTS_WITH:
                return Sql.of("(jsonb_typeof(", target, ") = 'array' AND ", target, " -> 0 = ", operand, ")");
            case ARRAY_ENDS_WITH:
                return Sql.of("(jsonb_typeof(", target, ") = 'array' AND ", target, " -> -1 = ", operand, ")");
            default: {
                String op = j.op() == Filter.JsonOp.LT
                        ? " < "
                        : j.op() == Filter.JsonOp.LTE ? " <= " : j.op() == Filter.JsonOp.GT ? " > " : " >= ";
                return Sql.of(
                        "(jsonb_typeof(", target, ") = jsonb_typeof(", operand, ") AND ", target, op, operand, ")");
            }
        }
    }

    /**
     * To-many filters are {@code EXISTS} subqueries, as Prisma's {@code IN} subqueries. A to-one filter is Prisma's
     * {@code LEFT JOIN}: {@code is: c} is {@code c} on the related row, NULL included, and false without one;
     * {@code isNot: c} is its negation. Under no negation only true rows count, so {@code is} is an {@code EXISTS};
     * under a negation only false ones do, so {@code is} is false exactly when no related row makes {@code c}
     * anything but false.
     */
    private Sql related(Filter.Related r, Sql parent, boolean negated) {
        Hop hop = r.hop();
        Sql child = aliases.next("t");
        Sql from = Sql.of(Links.table(hop.to()), " ", child);
        Sql link = scope.and(hop.to(), child, Links.link(hop, parent, child, aliases));
        // a key pointing at a soft-deleted row points at no row: then only the related table can tell
        boolean keyTells =
                hop.fromHoldsForeignKey() && scope.condition(hop.to(), child).isEmpty();
        switch (r.quantifier()) {
            case SOME:
                return exists(from, link, render(r.inner().orElseThrow(), child));
            case NONE:
                return Sql.of("NOT ", exists(from, link, render(r.inner().orElseThrow(), child)));
            case EVERY:
                return Sql.of(
                        "NOT ",
                        exists(from, link, Sql.of("NOT (", render(r.inner().orElseThrow(), child, true), ")")));
            case IS:
                if (r.inner().isEmpty()) {
                    return keyTells
                            ? Links.foreignKeyIsNull(hop, parent)
                            : Sql.of("NOT EXISTS (SELECT 1 FROM ", from, " WHERE ", link, ")");
                }
                return exists(from, link, toOne(r.inner().get(), child, negated));
            default:
                if (r.inner().isEmpty()) {
                    return keyTells
                            ? Sql.of("(NOT ", Links.foreignKeyIsNull(hop, parent), ")")
                            : Sql.of("EXISTS (SELECT 1 FROM ", from, " WHERE ", link, ")");
                }
                return Sql.of("NOT ", exists(from, link, toOne(r.inner().get(), child, !negated)));
        }
    }

    private static Sql exists(Sql from, Sql link, Sql condition) {
        return Sql.of("EXISTS (SELECT 1 FROM ", from, " WHERE ", link, " AND ", condition, ")");
    }

    /**
     * The condition of {@code is} on the related row: true, or under a negation not false (see {@link #related}).
     */
    private Sql toOne(Filter inner, Sql child, boolean negated) {
        return negated && joinedToOne
                ? Sql.of("(", render(inner, child, true), ") IS NOT FALSE")
                : render(inner, child);
    }

    private Sql render(Filter filter, Sql alias, boolean negated) {
        return render(filter, alias, column(alias), negated);
    }

    private static Function<ScalarField, Sql> column(Sql alias) {
        return f -> Sql.of(alias, ".", Sql.ident(f.dbName()));
    }

    /** The condition of one filter on the row of {@code alias}, each field's value given by {@code column}. */
    private final class Condition implements Filter.Visitor<Sql> {
        private final Sql alias;
        private final Function<ScalarField, Sql> column;
        private final boolean negated;

        Condition(Sql alias, Function<ScalarField, Sql> column, boolean negated) {
            this.alias = alias;
            this.column = column;
            this.negated = negated;
        }

        @Override
        public Sql and(Filter.And and) {
            return group(and.filters(), " AND ", "true");
        }

        @Override
        public Sql or(Filter.Or or) {
            return group(or.filters(), " OR ", "false");
        }

        private Sql group(List<Filter> filters, String op, String empty) {
            if (filters.isEmpty()) {
                return Sql.of(empty);
            }
            return Sql.of(
                    "(", Sql.join(op, filters.stream().map(f -> f.accept(this)).toList()), ")");
        }

        @Override
        public Sql not(Filter.Not not) {
            return Sql.of("(NOT ", not.filter().accept(new Condition(alias, column, !negated)), ")");
        }

        @Override
        public Sql constant(Filter.Const c) {
            return Sql.of(c.value() ? "true" : "false");
        }

        @Override
        public Sql compare(Filter.Compare c) {
            Sql value = columns.cast(c.value());
            Sql col = column.apply(c.field());
            if (c.insensitive()) {
                return Sql.of("lower(", col, ") ", c.op().sql, " lower(", value, ")");
            }
            return Sql.of(col, " ", c.op().sql, " ", value);
        }

        @Override
        public Sql compareFields(Filter.CompareFields c) {
            return Sql.of(column.apply(c.field()), " ", c.op().sql, " ", column.apply(c.other()));
        }

        @Override
        public Sql isNull(Filter.IsNull n) {
            return Sql.of(column.apply(n.field()), " IS NULL");
        }

        @Override
        public Sql in(Filter.In in) {
            Sql col = column.apply(in.field());
            if (in.insensitive()) {
                return Sql.of(
                        "lower(", col, ") = ANY(ARRAY(SELECT lower(x) FROM unnest(", Sql.bind(in.values()), ") AS x))");
            }
            return Sql.of(col, " = ANY(", columns.castArray(in.values()), ")");
        }

        @Override
        public Sql like(Filter.Like like) {
            return Sql.of(
                    "(",
                    column.apply(like.field()),
                    ")::text ",
                    like.insensitive() ? "ILIKE " : "LIKE ",
                    Sql.bind(like.pattern()));
        }

        @Override
        public Sql search(Filter.Search s) {
            return Sql.of(
                    "to_tsvector(concat_ws(' ', ",
                    column.apply(s.field()),
                    ")) @@ to_tsquery(",
                    Sql.bind(s.query()),
                    ")");
        }

        @Override
        public Sql listCondition(Filter.ListCondition l) {
            Sql col = column.apply(l.field());
            Sql array = columns.castArray(l.values());
            switch (l.op()) {
                case HAS:
                case HAS_EVERY:
                    return Sql.of(col, " @> ", array);
                case HAS_SOME:
                    return Sql.of(col, " && ", array);
                default:
                    return Sql.of(col, " = ", array);
            }
        }

        @Override
        public Sql listIsEmpty(Filter.ListIsEmpty e) {
            return Sql.of("cardinality(", column.apply(e.field()), e.empty() ? ") = 0" : ") > 0");
        }

        @Override
        public Sql jsonCondition(Filter.JsonCondition j) {
            return json(j, column.apply(j.field()));
        }

        @Override
        public Sql jsonIsNull(Filter.JsonIsNull n) {
            Sql target = jsonTarget(column.apply(n.field()), n.path());
            switch (n.kind()) {
                case DB_NULL:
                    return Sql.of(target, " IS NULL");
                case JSON_NULL:
                    return Sql.of(target, " = 'null'::jsonb");
                default:
                    return Sql.of("(", target, " IS NULL OR ", target, " = 'null'::jsonb)");
            }
        }

        @Override
        public Sql related(Filter.Related r) {
            return FilterRenderer.this.related(r, alias, negated);
        }

        @Override
        public Sql aggregateCondition(Filter.AggregateCondition a) {
            Sql aggregated = aggregate(a.function(), a.field(), column.apply(a.field()));
            return a.condition().accept(new Condition(alias, f -> aggregated, negated));
        }
    }
}
