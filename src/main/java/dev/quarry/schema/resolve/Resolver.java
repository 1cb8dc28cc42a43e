package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.diagnostics.Span;
import dev.quarry.schema.model.CompositeType;
import dev.quarry.schema.model.Datasource;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.Generator;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.PolicyOptions;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed files → resolved {@link Schema}, in passes as Prisma's parser-database: names, configuration,
 * types and attributes, relations. Never throws on user mistakes; the schema is empty when errors exist.
 */
public final class Resolver {

    private Resolver() {}

    /** A resolved schema and where its parts were written. */
    public record Resolved(Schema schema, SourceMap sources) {}

    public static Optional<Schema> resolve(List<SchemaAst> files, List<Diagnostic> diagnostics) {
        return resolveWithSources(files, diagnostics).map(Resolved::schema);
    }

    public static Optional<Resolved> resolveWithSources(List<SchemaAst> files, List<Diagnostic> diagnostics) {
        Context ctx = new Context(files, diagnostics);
        names(ctx);
        ConfigResolver config = new ConfigResolver(ctx);
        Optional<Datasource> datasource = config.datasource();
        List<Generator> generators = config.generators();
        List<EnumType> enums = ctx.blocks(Top.Keyword.ENUM).stream()
                .filter(b -> ctx.tops.get(b.name().name()) == b)
                .map(new EnumResolver(ctx)::resolve)
                .toList();
        ModelResolver models = new ModelResolver(ctx, config.previewFeatures());
        Map<String, ModelDraft> drafts = new LinkedHashMap<>();
        for (Top.Block block : ctx.blocks(Top.Keyword.MODEL, Top.Keyword.VIEW)) {
            if (ctx.tops.get(block.name().name()) == block) {
                drafts.put(block.name().name(), models.resolve(block));
            }
        }
        List<CompositeType> compositeTypes = new ArrayList<>();
        for (Top.Block block : ctx.blocks(Top.Keyword.TYPE)) {
            if (ctx.tops.get(block.name().name()) == block) {
                compositeTypes.add(compositeType(models.resolve(block), block));
            }
        }
        databaseNames(ctx, drafts.values(), enums);
        ConstraintNamespace.check(ctx, drafts.values());
        if (ctx.hasErrors()) {
            return Optional.empty();
        }
        RelationResolver relations = new RelationResolver(ctx, drafts);
        relations.resolve();
        if (ctx.hasErrors()) {
            return Optional.empty();
        }
        List<Model> resolvedModels =
                drafts.values().stream().map(d -> model(d, relations)).toList();
        Schema withoutPolicies =
                new Schema(datasource, generators, resolvedModels, enums, compositeTypes, relations.relations);
        List<Top.Block> blocks = ctx.blocks(Top.Keyword.MODEL, Top.Keyword.VIEW, Top.Keyword.TYPE).stream()
                .filter(b -> ctx.tops.get(b.name().name()) == b)
                .toList();
        List<Model> withPolicies = new PolicyResolver(ctx, withoutPolicies).resolve(blocks);
        List<Model> withRules = new RuleResolver(ctx, withoutPolicies).resolve(withPolicies, blocks);
        List<Model> resolved = new SoftDeleteResolver(ctx, withRules).resolve(blocks);
        PolicyOptions policyOptions = new PolicyOptionsResolver(ctx).resolve(resolved);
        Schema schema =
                new Schema(datasource, generators, resolved, enums, compositeTypes, relations.relations, policyOptions);
        return Optional.of(new Resolved(schema, SourceMap.of(ctx.tops)));
    }

    /** Duplicate names among models, views, composite types and enums, reported at the later identifier. */
    private static void names(Context ctx) {
        for (Top.Block block : ctx.blocks(Top.Keyword.MODEL, Top.Keyword.VIEW, Top.Keyword.TYPE, Top.Keyword.ENUM)) {
            if (!Names.valid(block.name(), topType(block), ctx)) {
                continue;
            }
            Top.Block existing = ctx.tops.putIfAbsent(block.name().name(), block);
            if (existing != null) {
                ctx.push(SchemaErrors.plain(
                        block.name().span(),
                        "The " + topType(block) + " \"" + block.name().name() + "\" cannot be defined because a "
                                + topType(existing) + " with that name already exists."));
            }
        }
    }

    /** Two tables, or two enum types, with the same database name in the same database schema. */
    private static void databaseNames(Context ctx, Collection<ModelDraft> models, List<EnumType> enums) {
        Map<String, ModelDraft> tables = new HashMap<>();
        for (ModelDraft model : models) {
            ModelDraft existing = tables.putIfAbsent(model.dbSchema.orElse("") + "." + model.dbName, model);
            if (existing == null) {
                continue;
            }
            Optional<Attribute> map = mapAttribute(model.block);
            ModelDraft reported =
                    map.isPresent() || mapAttribute(existing.block).isEmpty() ? model : existing;
            ModelDraft other = reported == model ? existing : model;
            Span span = mapAttribute(reported.block)
                    .map(Attribute::span)
                    .orElse(reported.block.name().span());
            ctx.push(SchemaErrors.plain(
                    span,
                    "The " + topType(reported.block) + " with database name \"" + model.dbName
                            + "\" could not be defined because another model or view with this name exists: \""
                            + other.name() + "\""));
        }
        Set<String> enumNames = new HashSet<>();
        for (EnumType enumType : enums) {
            if (!enumNames.add(enumType.dbSchema().orElse("") + "." + enumType.dbName())) {
                ctx.spanOf(enumType.name())
                        .ifPresent(span -> ctx.push(
                                SchemaErrors.plain(span, "An enum with the same database name is already defined.")));
            }
        }
    }

    private static Optional<Attribute> mapAttribute(Top.Block block) {
        return block.blockAttributes().stream()
                .map(Member.BlockAttribute::attribute)
                .filter(a -> a.name().name().equals("map"))
                .findFirst();
    }

    private static String topType(Top.Block block) {
        return block.keyword() == Top.Keyword.TYPE ? "composite type" : block.keyword().text;
    }

    private static CompositeType compositeType(ModelDraft draft, Top.Block block) {
        return new CompositeType(draft.name(), draft.scalarFields(), block.documentation());
    }

    private static Model model(ModelDraft draft, RelationResolver relations) {
        List<Field> fields = new ArrayList<>();
        for (Object field : draft.fields) {
            fields.add(
                    field instanceof ScalarField scalar ? scalar : relations.resolvedFields.get((RelationDraft) field));
        }
        return new Model(
                draft.name(),
                draft.dbName,
                draft.dbSchema,
                draft.isView(),
                draft.ignored,
                draft.block.documentation(),
                fields,
                draft.primaryKey,
                draft.uniques,
                draft.indexes);
    }
}
