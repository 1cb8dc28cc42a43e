package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The keys a PostgreSQL datasource accepts, and the shape of {@code schemas} and {@code extensions}. */
final class DatasourceProperties {

    /**
     * Prisma 6's datasource keys; Quarry keeps {@code url}, {@code directUrl} and {@code shadowDatabaseUrl}, which
     * Prisma 7 moved out.
     */
    private static final Set<String> KNOWN = Set.of(
            "provider",
            "url",
            "directUrl",
            "shadowDatabaseUrl",
            "relationMode",
            "referentialIntegrity",
            "schemas",
            "extensions");

    private static final Set<String> EXTENSION_ARGUMENTS = Set.of("version", "schema", "map");

    private final Context ctx;
    private final Set<String> previewFeatures;

    DatasourceProperties(Context ctx, Set<String> previewFeatures) {
        this.ctx = ctx;
        this.previewFeatures = previewFeatures;
    }

    void check(Top.Block block) {
        for (Member.KeyValue property : block.properties()) {
            String key = property.key().name();
            if (!KNOWN.contains(key)) {
                ctx.push(SchemaErrors.plain(property.span(), "Property not known: \"" + key + "\"."));
            } else if (property.value().isPresent() && key.equals("schemas")) {
                schemas(property.value().get());
            } else if (property.value().isPresent() && key.equals("extensions")) {
                extensions(property);
            }
        }
    }

    /** {@code schemas = ["public", "auth"]}: strings, each once. */
    private void schemas(Expr value) {
        List<Expr> items = value instanceof Expr.ArrayExpr array ? array.items() : List.of(value);
        Set<String> seen = new HashSet<>();
        for (Expr item : items) {
            if (!(item instanceof Expr.StringLit string)) {
                ctx.push(SchemaErrors.plain(
                        item.span(), "Expected a string value, but received " + item.describe() + "."));
            } else if (!seen.add(string.value())) {
                ctx.push(SchemaErrors.plain(item.span(), "Duplicated schema names are not allowed"));
            }
        }
    }

    /**
     * {@code extensions = [pg_trgm, postgis(version: "3.4", schema: "gis", map: "postgis")]}, behind the preview
     * feature.
     */
    private void extensions(Member.KeyValue property) {
        if (!previewFeatures.contains("postgresqlExtensions")) {
            ctx.push(SchemaErrors.plain(
                    property.span(),
                    "The `extensions` property is only available with the `postgresqlExtensions` preview "
                            + "feature."));
            return;
        }
        Expr value = property.value().orElseThrow();
        List<Expr> items = value instanceof Expr.ArrayExpr array ? array.items() : List.of(value);
        for (Expr item : items) {
            if (item instanceof Expr.PathExpr path) {
                extensionName(path.path(), item);
            } else if (item instanceof Expr.FunctionCall call) {
                extensionName(call.name().name(), item);
                extensionArguments(call.arguments().arguments());
            } else {
                ctx.push(SchemaErrors.plain(
                        item.span(), "Expected a constant or function value, but received " + item.describe() + "."));
            }
        }
    }

    private void extensionName(String name, Expr item) {
        if (Character.isDigit(name.charAt(0))) {
            ctx.push(SchemaErrors.validation(item.span(), "The name of an extension must not start with a number."));
        } else if (name.contains("-")) {
            ctx.push(SchemaErrors.validation(item.span(), "The character `-` is not allowed in extension names."));
        }
    }

    private void extensionArguments(List<Argument> arguments) {
        Set<String> seen = new HashSet<>();
        for (Argument argument : arguments) {
            if (argument.name().isEmpty()) {
                ctx.push(SchemaErrors.validation(argument.span(), "The argument must have a name"));
                continue;
            }
            String name = argument.name().get().name();
            if (!EXTENSION_ARGUMENTS.contains(name)) {
                ctx.push(SchemaErrors.plain(argument.name().get().span(), "Argument not known: \"" + name + "\"."));
            } else if (!seen.add(name)) {
                ctx.push(SchemaErrors.validation(
                        argument.span(), "The argument `" + name + "` can only be defined once"));
            } else if (argument.value().isPresent() && !(argument.value().get() instanceof Expr.StringLit)) {
                Expr value = argument.value().get();
                ctx.push(SchemaErrors.plain(
                        value.span(), "Expected a string value, but received " + value.describe() + "."));
                ctx.push(SchemaErrors.validation(value.span(), "The `" + name + "` argument must be a string literal"));
            }
        }
    }
}
