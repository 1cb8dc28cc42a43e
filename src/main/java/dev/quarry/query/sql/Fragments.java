package dev.quarry.query.sql;

import dev.quarry.query.plan.Filter;
import dev.quarry.query.plan.Value;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;

/**
 * The read builder's SQL pieces opened to the write statements: filters, value casts and column encodings,
 * so a write's {@code WHERE} and values are rendered as a read's (relation filters see live rows only, see
 * {@link RowScope}), but for a to-one relation filter under a negation, which Prisma's writes test with a plain
 * {@code NOT EXISTS} (see {@link FilterRenderer}). One instance per statement (its aliases).
 */
public final class Fragments {

    private final Columns columns;
    private final FilterRenderer filters;

    public Fragments(Schema schema) {
        this.columns = new Columns(schema);
        this.filters = new FilterRenderer(columns, new Aliases(), RowScope.LIVE, false);
    }

    /** {@code filter} as a condition on the row of {@code alias}. */
    public Sql condition(Filter filter, Sql alias) {
        return filters.render(filter, alias);
    }

    /** A value bound as a parameter and cast to its field's column type. */
    public Sql value(Value.One value) {
        return columns.cast(value);
    }

    /** A list bound as one array parameter and cast to an array of its field's column type. */
    public Sql array(Value.Many values) {
        return columns.castArray(values);
    }

    /** A text expression (a bulk import's staged column) cast to {@code f}'s column type, as a bound value is. */
    public Sql valueOfText(ScalarField f, Sql text) {
        return columns.castText(f, text);
    }

    /** A text-array expression cast to an array of {@code f}'s column type, element by element, in order. */
    public Sql arrayOfText(ScalarField f, Sql texts) {
        return Sql.of(
                "ARRAY(SELECT ",
                columns.castText(f, Sql.of("u.x")),
                " FROM unnest(",
                texts,
                ") WITH ORDINALITY AS u(x, n) ORDER BY u.n)");
    }

    /** The API's JSON encoding of {@code f}'s value in {@code expr} (see API.md "Values in JSON"). */
    public Sql output(ScalarField f, Sql expr) {
        return columns.output(f, expr);
    }

    /** One element of {@code f}'s type in the API's encoding, as text. */
    public Sql outputText(ScalarField f, Sql expr) {
        return Sql.of("(", columns.element(f, expr), ")::text");
    }

    public static Sql table(Model model) {
        return Links.table(model);
    }

    public static Sql column(Sql alias, ScalarField field) {
        return Sql.of(alias, ".", Sql.ident(field.dbName()));
    }
}
