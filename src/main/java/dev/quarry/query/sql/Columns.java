package dev.quarry.query.sql;

import dev.quarry.query.plan.Value;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Optional;

/**
 * How each field type crosses the SQL boundary: values in (text parameters cast to the column's type) and
 * values out (expressions whose JSON is exactly API.md's encoding, so the body needs no work in Java).
 */
final class Columns {

    private static final String ISO_MS = "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'";

    private final Schema schema;

    Columns(Schema schema) {
        this.schema = schema;
    }

    private static Optional<String> nativeName(ScalarField f) {
        return f.nativeType().map(NativeType::name);
    }

    // --- in --------------------------------------------------------------------------------------

    /** A value bound as a text parameter and cast to the type of its field's column. */
    Sql cast(Value.One value) {
        return castText(value.field(), Sql.bind(value));
    }

    /** A text expression cast to the type of {@code f}'s column. */
    Sql castText(ScalarField f, Sql text) {
        if (f.type() instanceof FieldType.EnumRef e) {
            return Sql.of("(", text, ")::", enumTypeName(e));
        }
        switch ((ScalarType) f.type()) {
            case STRING: {
                String n = nativeName(f).orElse("");
                if (n.equals("Uuid")) {
                    return Sql.of("(", text, ")::uuid");
                }
                if (n.equals("Citext")) {
                    return Sql.of("(", text, ")::citext");
                }
                if (n.equals("Inet")) {
                    return Sql.of("(", text, ")::inet");
                }
                return text;
            }
            case INT:
                return Sql.of("(", text, ")::integer");
            case BIGINT:
                return Sql.of("(", text, ")::bigint");
            case FLOAT:
                return Sql.of("(", text, ")::double precision");
            case DECIMAL:
                return Sql.of("(", text, ")::numeric");
            case BOOLEAN:
                return Sql.of("(", text, ")::boolean");
            case JSON:
                return Sql.of("(", text, ")::jsonb");
            case BYTES:
                return Sql.of("decode(", text, ", 'base64')");
            case DATETIME: {
                String n = nativeName(f).orElse("Timestamp");
                switch (n) {
                    case "Timestamptz":
                        return Sql.of("(", text, ")::timestamptz");
                    case "Date":
                        return Sql.of("((", text, ")::timestamptz AT TIME ZONE 'UTC')::date");
                    case "Time":
                        return Sql.of("((", text, ")::timestamptz AT TIME ZONE 'UTC')::time");
                    case "Timetz":
                        return Sql.of("((", text, ")::timestamptz)::timetz");
                    default:
                        return Sql.of("((", text, ")::timestamptz AT TIME ZONE 'UTC')");
                }
            }
            default:
                throw new IllegalStateException("no cast for " + f.type());
        }
    }

    /** Values bound as one text-array parameter and cast to an array of their field's column type. */
    Sql castArray(Value.Many values) {
        return Sql.of(
                "ARRAY(SELECT ",
                castText(values.field(), Sql.of("u.x")),
                " FROM unnest(",
                Sql.bind(values),
                ") WITH ORDINALITY AS u(x, n) ORDER BY u.n)");
    }

    private Sql enumTypeName(FieldType.EnumRef ref) {
        EnumType e = schema.findEnum(ref.enumName()).orElseThrow();
        return Sql.qualified(e.dbSchema(), e.dbName());
    }

    /**
     * A Decimal as Prisma Client's {@code Decimal.toString()} writes it: trailing zeros dropped, every digit kept,
     * exponent notation when the exponent is at least 21 or at most -7 ({@code 1e+21}, {@code 1.23e-7}).
     */
    static Sql decimal(Sql expr) {
        return Sql.of(
                "(SELECT CASE WHEN \"__v\" = 0 OR (abs(\"__v\") >= 0.000001 AND abs(\"__v\") < 1e21) THEN "
                        + "trim_scale(\"__v\")::text",
                " ELSE CASE WHEN \"__v\" < 0 THEN '-' ELSE '' END || left(\"__d\", 1)",
                " || CASE WHEN length(\"__d\") > 1 THEN '.' || substr(\"__d\", 2) ELSE '' END",
                " || 'e' || CASE WHEN \"__e\" >= 0 THEN '+' ELSE '-' END || abs(\"__e\")::text END",
                " FROM (SELECT (",
                expr,
                ")::numeric AS \"__v\") AS \"__x\",",
                " LATERAL (SELECT rtrim(ltrim(replace(trim_scale(abs(\"__v\"))::text, '.', ''), '0'), '0') "
                        + "AS \"__d\",",
                " CASE WHEN \"__v\" <> 0 THEN floor(log(abs(\"__v\")))::int END AS \"__e\") AS \"__y\")");
    }

    // --- out -------------------------------------------------------------------------------------

    /** The JSON-ready expression of a value of {@code f} held in {@code expr} (a list field: the whole array). */
    Sql output(ScalarField f, Sql expr) {
        if (f.isList()) {
            // a NULL array column reads as [], as Prisma Client answers
            if (needsNoElementEncoding(f)) {
                return Sql.of("coalesce(", expr, ", '{}')");
            }
            if (f.type() == ScalarType.BIGINT) {
                return Sql.of("coalesce((", expr, ")::text[], '{}')");
            }
            return Sql.of(
                    "(SELECT coalesce(array_agg(",
                    element(f, Sql.of("u.x")),
                    " ORDER BY u.n), '{}') FROM unnest(",
                    expr,
                    ") WITH ORDINALITY AS u(x, n))");
        }
        return element(f, expr);
    }

    private boolean needsNoElementEncoding(ScalarField f) {
        if (f.type() instanceof FieldType.EnumRef e) {
            return !enumIsMapped(e);
        }
        ScalarType t = (ScalarType) f.type();
        return t == ScalarType.STRING
                || t == ScalarType.INT
                || t == ScalarType.FLOAT
                || t == ScalarType.BOOLEAN
                || t == ScalarType.JSON;
    }

    private boolean enumIsMapped(FieldType.EnumRef ref) {
        return schema.findEnum(ref.enumName()).orElseThrow().values().stream()
                .anyMatch(v -> !v.name().equals(v.dbName()));
    }

    /** One value (not a list) of {@code f}'s type. */
    Sql element(ScalarField f, Sql expr) {
        if (f.type() instanceof FieldType.EnumRef ref) {
            if (!enumIsMapped(ref)) {
                return expr;
            }
            EnumType e = schema.findEnum(ref.enumName()).orElseThrow();
            List<Sql> cases = e.values().stream()
                    .map(v -> Sql.of(" WHEN ", Sql.literal(v.dbName()), " THEN ", Sql.literal(v.name())))
                    .toList();
            return Sql.of("(CASE (", expr, ")::text", Sql.join("", cases), " END)");
        }
        switch ((ScalarType) f.type()) {
            case BIGINT:
                return Sql.of("(", expr, ")::text");
            case DECIMAL:
                return decimal(expr);
            case BYTES:
                return Sql.of("translate(encode(", expr, ", 'base64'), E'\\n', '')");
            case DATETIME: {
                String n = nativeName(f).orElse("Timestamp");
                switch (n) {
                    case "Timestamptz":
                        return Sql.of("to_char((", expr, ") AT TIME ZONE 'UTC', " + ISO_MS + ")");
                    case "Date":
                        return Sql.of("to_char(", expr, ", 'YYYY-MM-DD\"T00:00:00.000Z\"')");
                    case "Time":
                        return Sql.of("to_char('1970-01-01'::date + (", expr, "), " + ISO_MS + ")");
                    case "Timetz":
                        return Sql.of("to_char('1970-01-01'::date + (", expr, ")::time, " + ISO_MS + ")");
                    default:
                        return Sql.of("to_char(", expr, ", " + ISO_MS + ")");
                }
            }
            default:
                return expr;
        }
    }
}
