package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.Expr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code @default(…)}: the value, checked against the field's type as Prisma checks it. */
final class DefaultValues {

    private static final Set<String> STRING_GENERATORS = Set.of("cuid", "uuid", "nanoid", "ulid");

    private final Context ctx;

    DefaultValues(Context ctx) {
        this.ctx = ctx;
    }

    Optional<DefaultValue> resolve(Expr expr, FieldType type, boolean list, Optional<String> map) {
        if (expr instanceof Expr.ArrayExpr array) {
            List<DefaultValue> values = new ArrayList<>();
            for (Expr item : array.items()) {
                resolve(item, type, false, Optional.empty()).ifPresent(values::add);
            }
            return Optional.of(new DefaultValue.ListValue(values, map));
        }
        if (expr instanceof Expr.StringLit string) {
            return Optional.of(new DefaultValue.StringValue(string.value(), map));
        }
        if (expr instanceof Expr.NumberLit number) {
            return Optional.of(new DefaultValue.NumberValue(new BigDecimal(number.text()), map));
        }
        if (expr instanceof Expr.PathExpr path) {
            if (type == ScalarType.BOOLEAN
                    && (path.path().equals("true") || path.path().equals("false"))) {
                return Optional.of(new DefaultValue.BooleanValue(Boolean.parseBoolean(path.path()), map));
            }
            if (type instanceof FieldType.EnumRef) {
                return Optional.of(new DefaultValue.EnumValue(path.path(), map));
            }
            ctx.push(SchemaErrors.attribute(
                    path.span(),
                    "@default",
                    "Expected a " + expectedLiteral(type) + " value, but received literal value `" + path.path()
                            + "`."));
            return Optional.empty();
        }
        if (expr instanceof Expr.ObjectExpr object) {
            String expected = type instanceof ScalarType scalar ? scalar.prismaName() : expectedLiteral(type);
            ctx.push(SchemaErrors.attribute(
                    object.span(),
                    "@default",
                    "Expected a " + expected + " value, but found `" + Expressions.text(object) + "`."));
            return Optional.empty();
        }
        return function((Expr.FunctionCall) expr, type, map);
    }

    private static String expectedLiteral(FieldType type) {
        if (type == ScalarType.BOOLEAN) {
            return "boolean";
        }
        if (type == ScalarType.INT
                || type == ScalarType.BIGINT
                || type == ScalarType.FLOAT
                || type == ScalarType.DECIMAL) {
            return "numeric";
        }
        return "string";
    }

    private Optional<DefaultValue> function(Expr.FunctionCall call, FieldType type, Optional<String> map) {
        String name = call.name().name();
        List<Object> arguments = new ArrayList<>();
        for (Argument argument : call.arguments().arguments()) {
            argument.value().ifPresent(value -> arguments.add(literal(value)));
        }
        String typeName = type instanceof ScalarType scalar ? scalar.prismaName() : String.valueOf(type);
        boolean stringType = type == ScalarType.STRING;
        boolean ok;
        switch (name) {
            case "autoincrement":
            case "sequence":
                ok = type == ScalarType.INT || type == ScalarType.BIGINT;
                break;
            case "now":
                ok = type == ScalarType.DATETIME;
                break;
            case "dbgenerated":
                ok = true;
                break;
            default:
                if (STRING_GENERATORS.contains(name)) {
                    ok = stringType;
                    if (ok && !generatorArgumentsValid(call, name)) {
                        return Optional.empty();
                    }
                } else {
                    ctx.push(SchemaErrors.attribute(
                            call.span(),
                            "@default",
                            "The function `" + name
                                    + "` is not a known function. You can read about the available functions here: "
                                    + "https://pris.ly/d/attribute-functions"));
                    return Optional.empty();
                }
        }
        if (!ok) {
            ctx.push(SchemaErrors.attribute(
                    call.span(),
                    "@default",
                    "The function `" + name + "()` cannot be used on fields of type `" + typeName + "`."));
            return Optional.empty();
        }
        return Optional.of(new DefaultValue.Function(name, arguments, map));
    }

    private boolean generatorArgumentsValid(Expr.FunctionCall call, String name) {
        List<Argument> arguments = call.arguments().arguments();
        if (arguments.isEmpty() || name.equals("ulid") && arguments.isEmpty()) {
            return true;
        }
        Optional<Expr> value = arguments.get(0).value();
        if (value.isEmpty() || !(value.get() instanceof Expr.NumberLit number)) {
            ctx.push(SchemaErrors.attribute(call.span(), "@default", "`" + name + "()` takes a single Int argument."));
            return false;
        }
        String text = number.text();
        boolean valid;
        switch (name) {
            case "cuid":
                valid = text.equals("1") || text.equals("2");
                if (!valid) {
                    ctx.push(SchemaErrors.attribute(
                            call.span(),
                            "@default",
                            "`cuid()` takes either no argument, or a single integer argument which is "
                                    + "either 1 or "
                                    + "2."));
                }
                return valid;
            case "uuid":
                valid = text.equals("4") || text.equals("7");
                if (!valid) {
                    ctx.push(SchemaErrors.attribute(
                            call.span(),
                            "@default",
                            "`uuid()` takes either no argument, or a single integer argument which is "
                                    + "either 4 or "
                                    + "7."));
                }
                return valid;
            case "nanoid":
                valid = text.matches("\\d+") && Integer.parseInt(text) >= 2 && Integer.parseInt(text) <= 255;
                if (!valid) {
                    ctx.push(SchemaErrors.attribute(
                            call.span(),
                            "@default",
                            "`nanoid()` takes either no argument, or a single integer argument >= 2."));
                }
                return valid;
            default:
                ctx.push(SchemaErrors.attribute(call.span(), "@default", "`" + name + "()` takes no arguments."));
                return false;
        }
    }

    private static Object literal(Expr expr) {
        if (expr instanceof Expr.StringLit string) {
            return string.value();
        }
        if (expr instanceof Expr.NumberLit number) {
            return new BigDecimal(number.text());
        }
        if (expr instanceof Expr.PathExpr path
                && (path.path().equals("true") || path.path().equals("false"))) {
            return Boolean.parseBoolean(path.path());
        }
        return expr instanceof Expr.PathExpr path ? path.path() : expr.toString();
    }
}
