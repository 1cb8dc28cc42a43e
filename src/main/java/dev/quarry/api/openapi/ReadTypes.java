package dev.quarry.api.openapi;

import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What a read returns and takes, per model, named as Prisma Client names them: the record
 * ({@code User}), {@code UserWhereInput}, {@code UserWhereUniqueInput}, {@code UserOrderByInput},
 * {@code UserSelect}, {@code UserInclude}, {@code UserOmit} and the argument objects of the reads.
 */
final class ReadTypes {

    private final Components components;
    private final Values values;
    private final Filters filters;
    private final Shared shared;
    private final Models models;

    ReadTypes(Components components, Values values, Filters filters, Shared shared, Models models) {
        this.components = components;
        this.values = values;
        this.filters = filters;
        this.shared = shared;
        this.models = models;
    }

    /**
     * The record. No property is required: {@code select} and {@code omit} can leave out any scalar, and relations
     * are there only when selected or included, so a client must not rely on a field its own shape did not ask for.
     */
    Schema record(ApiModel model) {
        return components.ref(model.name(), () -> {
            Schema record = Json.object();
            model.scalars().forEach(f -> record.addProperty(f.name(), values.of(f)));
            SoftDeleteDocs.describeField(record, model);
            for (RelationField relation : model.relations()) {
                ApiModel related = models.get(relation.relatedModel());
                Schema target = record(related);
                // a soft-deleted record is left out of includes, so even a required to-one relation can answer null
                boolean nullable = relation.isOptional()
                        || related.model().softDeleteField().isPresent();
                Schema value = relation.isList() ? Json.array(target) : nullable ? Json.nullable(target) : target;
                record.addProperty(
                        relation.name(), described(value, relation, "Present only when selected or included."));
            }
            if (!model.toManyRelations().isEmpty()) {
                record.addProperty("_count", countOutput(model));
            }
            record.description(model.documentation().map(doc -> doc + "\n\n").orElse("")
                    + "Every scalar is present unless select or omit leaves it out; relations and _count only when "
                    + "selected or included.");
            return record;
        });
    }

    private Schema countOutput(ApiModel model) {
        return components.ref(model.name() + "CountOutput", () -> {
            Schema counts = Json.object();
            model.toManyRelations().forEach(r -> counts.addProperty(r.name(), Json.integer()));
            return counts.description(
                    "The number of related records per relation; present when _count is selected or " + "included.");
        });
    }

    Schema where(ApiModel model) {
        String name = model.name() + "WhereInput";
        return components.ref(name, () -> {
            Schema where = Json.object();
            addLogic(where, Json.ref(name));
            model.scalars().forEach(f -> where.addProperty(f.name(), filters.of(f)));
            model.relations().forEach(r -> where.addProperty(r.name(), relationFilter(r)));
            return where.description("Prisma's where: every given condition must hold. "
                    + "A field given a bare value means {\"equals\": value}.");
        });
    }

    static void addLogic(Schema where, Schema self) {
        where.addProperty("AND", Json.array(self).description("All of these hold (a single object is also accepted)."));
        where.addProperty("OR", Json.array(self).description("At least one of these holds."));
        where.addProperty(
                "NOT", Json.array(self).description("None of these holds (a single object is also accepted)."));
    }

    private Schema relationFilter(RelationField relation) {
        ApiModel target = models.get(relation.relatedModel());
        if (relation.isList()) {
            return components.ref(
                    target.name() + "ListRelationFilter",
                    () -> Json.object("every", where(target), "some", where(target), "none", where(target))
                            .description("Conditions on the related " + target.name() + " records."));
        }
        boolean nullable = relation.isOptional();
        String name = target.name() + (nullable ? "Nullable" : "") + "RelationFilter";
        return components.ref(name, () -> {
            Schema condition = nullable ? Json.nullable(where(target)) : where(target);
            Schema negated = nullable ? Json.nullable(where(target)) : where(target);
            return Json.object("is", condition, "isNot", negated)
                    .description("Conditions on the related " + target.name()
                            + (nullable ? "; null means there is none." : "."));
        });
    }

    /**
     * Only for models with a unique key: {@code {"id": …}}, or {@code {"a_b": {"a": …, "b": …}}} for a compound
     * one.
     */
    Schema whereUnique(ApiModel model) {
        return components.ref(model.name() + "WhereUniqueInput", () -> {
            Schema where = Json.object();
            for (ApiModel.UniqueKey key : model.uniqueKeys()) {
                where.addProperty(
                        key.name(),
                        key.compound()
                                ? compoundKey(model, key)
                                : values.single(key.fields().get(0).type()));
            }
            addLogic(where, where(model));
            model.scalars().stream()
                    .filter(f -> model.uniqueKeys().stream()
                            .noneMatch(k -> !k.compound() && k.name().equals(f.name())))
                    .forEach(f -> where.addProperty(f.name(), filters.of(f)));
            model.relations().forEach(r -> where.addProperty(r.name(), relationFilter(r)));
            // Prisma's exclusive input: at least one unique key, a compound one by its compound name
            Json.forbidding(
                    where.minProperties(1),
                    List.of(Json.lacking(model.uniqueKeys().stream()
                            .map(ApiModel.UniqueKey::name)
                            .toList())));
            return where.description("Finds one " + model.name() + ": give one of its unique keys ("
                    + String.join(
                            ", ",
                            model.uniqueKeys().stream()
                                    .map(ApiModel.UniqueKey::name)
                                    .toList())
                    + "); other conditions may be added.");
        });
    }

    private Schema compoundKey(ApiModel model, ApiModel.UniqueKey key) {
        return components.ref(model.name() + pascal(key.name()) + "CompoundUniqueInput", () -> {
            Schema compound = Json.object();
            key.fields().forEach(f -> compound.addProperty(f.name(), values.single(f.type())));
            return compound.required(
                    key.fields().stream().map(ScalarField::name).toList());
        });
    }

    Schema orderBy(ApiModel model) {
        return components.ref(model.name() + "OrderByInput", () -> {
            Schema order = Json.object();
            model.orderableScalars()
                    .forEach(f -> order.addProperty(
                            f.name(), f.isOptional() ? shared.nullableSortOrder() : shared.sortOrder()));
            for (RelationField relation : model.relations()) {
                order.addProperty(
                        relation.name(),
                        relation.isList()
                                ? shared.relationAggregateOrder()
                                : orderBy(models.get(relation.relatedModel())));
            }
            return order.minProperties(1)
                    .maxProperties(1)
                    .description("One sort key; give several in an array, most significant first.");
        });
    }

    Schema orderByList(ApiModel model) {
        return Json.array(orderBy(model))
                .description("Sort keys, most significant first (a single object is also accepted).");
    }

    Schema scalarFieldEnum(ApiModel model) {
        return components.ref(
                model.name() + "ScalarFieldEnum",
                () -> Json.stringEnum(
                        model.scalars().stream().map(ScalarField::name).toList()));
    }

    Schema select(ApiModel model) {
        return components.ref(model.name() + "Select", () -> {
            Schema select = Json.object();
            model.scalars().forEach(f -> select.addProperty(f.name(), Json.bool()));
            addRelationShapes(select, model);
            return Json.choosing(select)
                    .description("The fields to return; true includes a field, an object shapes a relation.");
        });
    }

    /** Only for models with relations. */
    Schema include(ApiModel model) {
        return components.ref(model.name() + "Include", () -> {
            Schema include = Json.object();
            addRelationShapes(include, model);
            return include.description("The relations to return beside the scalar fields.");
        });
    }

    Schema omit(ApiModel model) {
        return components.ref(model.name() + "Omit", () -> {
            Schema omit = Json.object();
            model.scalars().forEach(f -> omit.addProperty(f.name(), Json.bool()));
            return omit.description("Scalar fields to leave out of the result.");
        });
    }

    private void addRelationShapes(Schema shape, ApiModel model) {
        for (RelationField relation : model.relations()) {
            ApiModel target = models.get(relation.relatedModel());
            Schema nested = relation.isList() ? relationFindManyArgs(target) : defaultArgs(target);
            shape.addProperty(relation.name(), Json.anyOf(Json.bool(), nested));
        }
        if (!model.toManyRelations().isEmpty()) {
            shape.addProperty("_count", Json.anyOf(Json.bool(), countOutputArgs(model)));
        }
    }

    private Schema countOutputArgs(ApiModel model) {
        return components.ref(
                model.name() + "CountOutputArgs",
                () -> Json.object("select", components.ref(model.name() + "CountOutputSelect", () -> {
                            Schema select = Json.object();
                            for (RelationField relation : model.toManyRelations()) {
                                ApiModel target = models.get(relation.relatedModel());
                                Schema filtered = components.ref(
                                        target.name() + "RelationCountArgs", () -> Json.object("where", where(target)));
                                select.addProperty(relation.name(), Json.anyOf(Json.bool(), filtered));
                            }
                            return Json.choosing(select);
                        }))
                        .required(List.of("select")));
    }

    /**
     * {@code select}, {@code include}, {@code omit}: the shape of a returned record; {@code select} goes with
     * neither of the others.
     */
    void addShape(Schema args, ApiModel model) {
        args.addProperty("select", select(model));
        List<Schema> clashes = new ArrayList<>();
        if (!model.relations().isEmpty()) {
            args.addProperty("include", include(model));
            clashes.add(Json.having(List.of("select", "include")));
        }
        args.addProperty("omit", omit(model));
        clashes.add(Json.having(List.of("select", "omit")));
        Json.forbidding(args, clashes);
    }

    Schema defaultArgs(ApiModel model) {
        return components.ref(model.name() + "DefaultArgs", () -> {
            Schema args = Json.object();
            addShape(args, model);
            return args;
        });
    }

    /**
     * The arguments of findMany and findFirst (and of a to-many relation in select/include, but for soft delete).
     */
    Schema findManyArgs(ApiModel model) {
        return components.ref(model.name() + "FindManyArgs", () -> {
            Schema args = findManyWindowAndShape(model);
            SoftDeleteDocs.addArgument(args, model);
            return args;
        });
    }

    /** The arguments of findFirst: findMany's, but take is 1 or -1 (Prisma refuses any other, P2019). */
    Schema findFirstArgs(ApiModel model) {
        return components.ref(model.name() + "FindFirstArgs", () -> {
            Schema args = findManyWindowAndShape(model);
            args.addProperty("take", shared.firstTake());
            SoftDeleteDocs.addArgument(args, model);
            return args;
        });
    }

    /**
     * A to-many relation's arguments in select/include: findMany's, but {@code withDeleted} is only for the whole
     * read.
     */
    private Schema relationFindManyArgs(ApiModel model) {
        if (model.model().softDeleteField().isEmpty()) {
            return findManyArgs(model);
        }
        return components.ref(model.name() + "RelationFindManyArgs", () -> findManyWindowAndShape(model));
    }

    private Schema findManyWindowAndShape(ApiModel model) {
        Schema args = Json.object();
        addWindow(args, model);
        args.addProperty(
                "distinct",
                Json.array(scalarFieldEnum(model))
                        .description("Keeps the first record of each combination of these fields."));
        addShape(args, model);
        return args;
    }

    /**
     * {@code where}, {@code orderBy}, {@code cursor}, {@code take}, {@code skip}: which records, in which order.
     */
    void addWindow(Schema args, ApiModel model) {
        args.addProperty("where", where(model));
        args.addProperty("orderBy", orderByList(model));
        if (model.addressable()) {
            args.addProperty("cursor", whereUnique(model).description("Starts the page at this record."));
        }
        args.addProperty(
                "take",
                shared.take().description("At most this many records (negative: from the end, before the cursor)."));
        args.addProperty("skip", shared.skip().description("Skips this many records first."));
    }

    /**
     * The body of {@code POST /api/users/_query}: the list read's query parameters by their names, each in its JSON
     * form.
     */
    Schema listQuery(ApiModel model) {
        return components.ref(model.name() + "ListQuery", () -> {
            Schema query = Json.object("filter", where(model), "orderBy", orderByList(model));
            if (model.addressable()) {
                query.addProperty("cursor", whereUnique(model).description("Starts the page at this record."));
            }
            query.addProperty(
                    "take",
                    shared.take()
                            .description("At most this many records (negative: from the end, before the cursor)."));
            query.addProperty("skip", shared.skip().description("Skips this many records first."));
            query.addProperty(
                    "distinct",
                    Json.array(scalarFieldEnum(model))
                            .description("Keeps the first record of each combination of these fields."));
            addShape(query, model);
            query.addProperty(
                    "count",
                    Json.bool()
                            .description("true adds the total number of matching records as the X-Total-Count "
                                    + "header."));
            SoftDeleteDocs.addArgument(query, model);
            return query.additionalPropertiesBoolean(false)
                    .description("The parameters of GET /api/" + model.resource()
                            + " by the same names, each in its JSON form.");
        });
    }

    Schema findUniqueArgs(ApiModel model) {
        return components.ref(model.name() + "FindUniqueArgs", () -> {
            Schema args = Json.object("where", whereUnique(model));
            addShape(args, model);
            SoftDeleteDocs.addArgument(args, model);
            return args.required(List.of("where"));
        });
    }

    static String pascal(String name) {
        List<String> parts = new ArrayList<>(List.of(name.split("_")));
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static Schema described(Schema value, RelationField relation, String note) {
        return value.description(
                relation.documentation().map(doc -> doc + "\n\n" + note).orElse(note));
    }
}
