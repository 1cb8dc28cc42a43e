package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.Datasource;
import dev.quarry.schema.model.Generator;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code datasource} and {@code generator} blocks: every key kept; only PostgreSQL is accepted as provider. */
final class ConfigResolver {

    private static final Set<String> POSTGRES = Set.of("postgresql", "postgres");

    private final Context ctx;

    ConfigResolver(Context ctx) {
        this.ctx = ctx;
    }

    Optional<Datasource> datasource() {
        List<Top.Block> blocks = ctx.blocks(Top.Keyword.DATASOURCE);
        for (Top.Block extra : blocks.subList(Math.min(1, blocks.size()), blocks.size())) {
            ctx.push(SchemaErrors.plain(
                    extra.span(),
                    "You defined more than one datasource. This is not allowed yet because support for "
                            + "multiple "
                            + "databases has not been implemented yet."));
        }
        if (blocks.isEmpty()) {
            return Optional.empty();
        }
        Top.Block block = blocks.get(0);
        ctx.datasourceName = block.name().name();
        Map<String, ConfigValue> properties = properties(block);
        Optional<Member.KeyValue> provider = block.properties().stream()
                .filter(p -> p.key().name().equals("provider"))
                .findFirst();
        if (provider.isEmpty()) {
            ctx.push(SchemaErrors.plain(
                    block.span(),
                    "Argument \"provider\" is missing in data source block \""
                            + block.name().name() + "\"."));
            return Optional.empty();
        }
        String providerName = provider.get().value().map(Expressions::value).orElse("");
        if (!POSTGRES.contains(providerName)) {
            ctx.push(SchemaErrors.onlyPostgres(
                    provider.get().value().map(Expr::span).orElse(provider.get().span()), providerName));
        } else {
            new DatasourceProperties(ctx, previewFeatures()).check(block);
        }
        return Optional.of(new Datasource(block.name().name(), providerName, properties));
    }

    List<Generator> generators() {
        List<Generator> generators = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Top.Block block : ctx.blocks(Top.Keyword.GENERATOR)) {
            if (!names.add(block.name().name())) {
                ctx.push(SchemaErrors.plain(
                        block.name().span(),
                        "The generator \"" + block.name().name()
                                + "\" cannot be defined because a generator with that name already exists."));
                continue;
            }
            generators.add(new Generator(block.name().name(), properties(block)));
        }
        return generators;
    }

    /** The {@code previewFeatures} of every generator. */
    Set<String> previewFeatures() {
        Set<String> features = new HashSet<>();
        for (Top.Block block : ctx.blocks(Top.Keyword.GENERATOR)) {
            block.properties().stream()
                    .filter(p -> p.key().name().equals("previewFeatures"))
                    .flatMap(p -> p.value().stream())
                    .filter(Expr.ArrayExpr.class::isInstance)
                    .flatMap(array -> ((Expr.ArrayExpr) array).items().stream())
                    .map(Expressions::value)
                    .forEach(features::add);
        }
        return features;
    }

    private Map<String, ConfigValue> properties(Top.Block block) {
        Map<String, ConfigValue> properties = new LinkedHashMap<>();
        for (Member.KeyValue property : block.properties()) {
            String key = property.key().name();
            if (properties.containsKey(key)) {
                ctx.push(SchemaErrors.plain(
                        property.key().span(),
                        "Key \"" + key + "\" is already defined in " + block.keyword().text + " \""
                                + block.name().name() + "\"."));
                continue;
            }
            if (property.value().isEmpty()) {
                ctx.push(SchemaErrors.plain(
                        block.span(),
                        "Property " + key + " in " + block.keyword().text + " "
                                + block.name().name() + " needs to be assigned a value"));
                continue;
            }
            properties.put(key, value(property.value().get()));
        }
        return properties;
    }

    private static ConfigValue value(Expr expr) {
        if (expr instanceof Expr.StringLit string) {
            return new ConfigValue.Text(string.value());
        }
        if (expr instanceof Expr.FunctionCall call
                && call.name().name().equals("env")
                && call.arguments().arguments().size() == 1
                && call.arguments().arguments().get(0).value().orElse(null) instanceof Expr.StringLit variable) {
            return new ConfigValue.Env(variable.value());
        }
        if (expr instanceof Expr.ArrayExpr array) {
            return new ConfigValue.Array(
                    array.items().stream().map(Expressions::value).toList());
        }
        return new ConfigValue.Raw(Expressions.text(expr));
    }
}
