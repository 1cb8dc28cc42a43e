package dev.quarry.api.openapi;

import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the writes take, per model: {@code UserCreateInput}, {@code UserUpdateInput},
 * {@code UserCreateManyInput}, {@code UserUpdateManyInput}, the nested writes of relations
 * ({@code PostCreateNestedManyInput}, {@code UserUpdateOneRequiredNestedInput}, …) and the argument
 * objects of the writes.
 *
 * <p>As in Prisma's DMMF, a nested create takes {@code PostCreateWithoutAuthorInput}: the related model's
 * create input less the back relation and its foreign key, which the nesting sets (the server refuses them
 * there). A create requires each required to-one relation that holds its foreign key, as the relation or as
 * the key, never both.
 */
final class WriteTypes {

    private final Components components;
    private final Values values;
    private final Shared shared;
    private final Models models;
    private final ReadTypes reads;

    WriteTypes(Components components, Values values, Shared shared, Models models, ReadTypes reads) {
        this.components = components;
        this.values = values;
        this.shared = shared;
        this.models = models;
        this.reads = reads;
    }

    Schema createInput(ApiModel model) {
        return components.ref(
                model.name() + "CreateInput",
                () -> createObject(model, Optional.empty())
                        .description("The new " + model.name() + ". A foreign key is set either as its scalar field"
                                + " or through the relation field (create, connect, connectOrCreate), never both."));
    }

    /** The create input of a record made inside {@code back}'s other side: no {@code back}, nor its foreign key. */
    private Schema createInput(ApiModel model, Optional<RelationField> back) {
        if (back.isEmpty()) {
            return createInput(model);
        }
        return components.ref(
                model.name() + "CreateWithout" + ReadTypes.pascal(back.get().name()) + "Input",
                () -> createObject(model, back)
                        .description("The new " + model.name() + "; its "
                                + back.get().name() + " is the record it is created in."));
    }

    private Schema createObject(ApiModel model, Optional<RelationField> back) {
        Schema input = Json.object();
        Set<String> setByNesting = back.map(r -> Set.copyOf(r.fields())).orElse(Set.of());
        Set<String> foreignKeys = model.foreignKeyScalars();
        List<String> required = new ArrayList<>();
        for (ScalarField field : model.scalars()) {
            if (!setByNesting.contains(field.name())) {
                input.addProperty(field.name(), values.of(field, model.model().fieldRules(field.name())));
                if (mustBeGiven(field) && !foreignKeys.contains(field.name())) {
                    required.add(field.name());
                }
            }
        }
        List<Schema> forbidden = new ArrayList<>();
        for (RelationField relation : model.relations()) {
            if (back.isPresent() && back.get().name().equals(relation.name())) {
                continue;
            }
            ApiModel target = models.get(relation.relatedModel());
            Optional<RelationField> backOfTarget = backRelation(model, relation);
            input.addProperty(
                    relation.name(),
                    relation.isList() ? createNestedMany(target, backOfTarget) : createNestedOne(target, backOfTarget));
            if (!relation.fields().isEmpty()
                    && relation.fields().stream()
                            .allMatch(f -> model.scalars().stream()
                                    .anyMatch(s -> s.name().equals(f) && mustBeGiven(s)))) {
                // neither the relation nor its key; both
                List<String> either = new ArrayList<>(relation.fields());
                either.add(0, relation.name());
                forbidden.add(Json.lacking(either));
                relation.fields().forEach(key -> forbidden.add(Json.having(List.of(relation.name(), key))));
            }
        }
        if (!required.isEmpty()) {
            input.required(required);
        }
        return Json.forbidding(input, forbidden);
    }

    /**
     * The field on the other side of {@code relation} when it holds the foreign key: the one a record created
     * through
     * {@code relation} must not give (a back relation without a key stays in the input, so fewer inputs are made).
     */
    private Optional<RelationField> backRelation(ApiModel model, RelationField relation) {
        return models.get(relation.relatedModel()).relations().stream()
                .filter(r -> r.relationName().equals(relation.relationName())
                        && r.relatedModel().equals(model.name()))
                .filter(r -> !(r.name().equals(relation.name())
                        && relation.relatedModel().equals(model.name())))
                .filter(r -> !r.fields().isEmpty())
                .findFirst();
    }

    /** Scalars only, foreign keys included: the rows of createMany. */
    Schema createManyInput(ApiModel model) {
        return components.ref(model.name() + "CreateManyInput", () -> createManyObject(model, Set.of()));
    }

    private Schema createManyObject(ApiModel model, Set<String> setByNesting) {
        Schema input = Json.object();
        List<ScalarField> fields = model.scalars().stream()
                .filter(f -> !setByNesting.contains(f.name()))
                .toList();
        fields.forEach(f ->
                input.addProperty(f.name(), values.of(f, model.model().fieldRules(f.name()))));
        List<String> required = fields.stream()
                .filter(WriteTypes::mustBeGiven)
                .map(ScalarField::name)
                .toList();
        if (!required.isEmpty()) {
            input.required(required);
        }
        return input;
    }

    Schema updateInput(ApiModel model) {
        return components.ref(model.name() + "UpdateInput", () -> {
            Schema input = Json.object();
            model.scalars().forEach(f -> input.addProperty(f.name(), updateValue(model, f)));
            for (RelationField relation : model.relations()) {
                ApiModel target = models.get(relation.relatedModel());
                input.addProperty(
                        relation.name(),
                        relation.isList()
                                ? updateNestedMany(target, backRelation(model, relation))
                                : updateNestedOne(target, relation.isOptional(), backRelation(model, relation)));
            }
            return input.description("The fields to change; the others keep their values.");
        });
    }

    Schema updateManyInput(ApiModel model) {
        return components.ref(model.name() + "UpdateManyInput", () -> {
            Schema input = Json.object();
            model.scalars().forEach(f -> input.addProperty(f.name(), updateValue(model, f)));
            return input.description("The scalar fields to change in every matching record.");
        });
    }

    private Schema updateValue(ApiModel model, ScalarField field) {
        if (field.isList()) {
            return shared.listOperations(field.type())
                    .description("A bare array in place of this object means {\"set\": array}.");
        }
        Schema value = values.of(field, model.model().fieldRules(field.name()));
        if (ApiModel.isNumeric(field.type())) {
            return Json.anyOf(value, shared.numberOperations(field.type(), field.isOptional()));
        }
        return value;
    }

    /** Required, and neither defaulted, nor {@code @updatedAt}: the create must give it. */
    private static boolean mustBeGiven(ScalarField field) {
        return field.isRequired() && field.defaultValue().isEmpty() && !field.updatedAt();
    }

    /** {@code WithoutAuthor} when the records are made inside the other side of {@code back}. */
    private static String without(Optional<RelationField> back) {
        return back.map(r -> "Without" + ReadTypes.pascal(r.name())).orElse("");
    }

    private Schema createNestedOne(ApiModel target, Optional<RelationField> back) {
        return components.ref(target.name() + "CreateNestedOne" + without(back) + "Input", () -> {
            Schema input = Json.object("create", createInput(target, back));
            addConnect(input, target, false, back);
            return oneLinkWhenHoldingTheKey(input, back)
                    .description("Creates the related " + target.name() + ", or connects an existing one.");
        });
    }

    private Schema createNestedMany(ApiModel target, Optional<RelationField> back) {
        return components.ref(target.name() + "CreateNestedMany" + without(back) + "Input", () -> {
            Schema input = Json.object(
                    "create", Json.array(createInput(target, back)), "createMany", createManyEnvelope(target, back));
            addConnect(input, target, true, back);
            return input.description("Creates related " + target.name() + " records, or connects existing ones.");
        });
    }

    private void addConnect(Schema input, ApiModel target, boolean many, Optional<RelationField> back) {
        if (!target.addressable()) {
            return;
        }
        Schema connectOrCreate = components.ref(
                target.name() + "CreateOrConnect" + without(back) + "Input",
                () -> Json.object("where", reads.whereUnique(target), "create", createInput(target, back))
                        .required(List.of("where", "create")));
        input.addProperty("connectOrCreate", many ? Json.array(connectOrCreate) : connectOrCreate);
        input.addProperty("connect", many ? Json.array(reads.whereUnique(target)) : reads.whereUnique(target));
    }

    /** The rows of a nested createMany: {@code back}'s foreign key is set by the nesting. */
    private Schema createManyEnvelope(ApiModel target, Optional<RelationField> back) {
        String rows = back.map(r -> "CreateMany" + ReadTypes.pascal(r.name())).orElse("CreateMany");
        return components.ref(
                target.name() + rows + "InputEnvelope",
                () -> Json.object(
                                "data",
                                        Json.array(
                                                back.isEmpty()
                                                        ? createManyInput(target)
                                                        : components.ref(
                                                                target.name() + rows + "Input",
                                                                () -> createManyObject(
                                                                        target,
                                                                        Set.copyOf(back.get()
                                                                                .fields())))),
                                "skipDuplicates",
                                        Json.bool().description("Skips rows that would violate a unique constraint."))
                        .required(List.of("data")));
    }

    private Schema updateNestedOne(ApiModel target, boolean optional, Optional<RelationField> back) {
        String name = target.name() + (optional ? "UpdateOne" : "UpdateOneRequired") + without(back) + "NestedInput";
        return components.ref(name, () -> {
            Schema input = Json.object("create", createInput(target, back));
            addConnect(input, target, false, back);
            input.addProperty("update", updateInput(target));
            input.addProperty(
                    "upsert",
                    components.ref(
                            target.name() + "Upsert" + without(back) + "Input",
                            () -> Json.object(
                                            "where",
                                            reads.where(target),
                                            "update",
                                            updateInput(target),
                                            "create",
                                            createInput(target, back))
                                    .required(List.of("update", "create"))));
            if (optional) {
                input.addProperty("disconnect", Json.bool().description("Unlinks the related record."));
                input.addProperty("delete", Json.bool().description("Deletes the related record."));
            }
            return oneLinkWhenHoldingTheKey(input, back).description("Changes the related " + target.name() + ".");
        });
    }

    /**
     * A to-one relation whose foreign key is on this side ({@code back} is then empty) takes one of create,
     * connect, connectOrCreate, disconnect and delete, as the server requires: each pair is forbidden, and so is
     * none at all.
     */
    private static Schema oneLinkWhenHoldingTheKey(Schema input, Optional<RelationField> back) {
        if (back.isPresent()) {
            return input;
        }
        List<String> links = List.of("create", "connect", "connectOrCreate", "disconnect", "delete").stream()
                .filter(input.getProperties()::containsKey)
                .toList();
        List<Schema> pairs = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            for (int j = i + 1; j < links.size(); j++) {
                pairs.add(Json.having(List.of(links.get(i), links.get(j))));
            }
        }
        return Json.forbidding(input.minProperties(1), pairs);
    }

    private Schema updateNestedMany(ApiModel target, Optional<RelationField> back) {
        return components.ref(target.name() + "UpdateMany" + without(back) + "NestedInput", () -> {
            Schema input = Json.object(
                    "create", Json.array(createInput(target, back)), "createMany", createManyEnvelope(target, back));
            addConnect(input, target, true, back);
            if (target.addressable()) {
                Schema unique = reads.whereUnique(target);
                input.addProperty("set", Json.array(unique).description("Replaces the related records by these."));
                input.addProperty("disconnect", Json.array(unique));
                input.addProperty("delete", Json.array(unique));
                input.addProperty(
                        "update",
                        Json.array(components.ref(
                                target.name() + "UpdateWithWhereUniqueInput",
                                () -> Json.object("where", reads.whereUnique(target), "data", updateInput(target))
                                        .required(List.of("where", "data")))));
                input.addProperty(
                        "upsert",
                        Json.array(components.ref(
                                target.name() + "UpsertWithWhereUnique" + without(back) + "Input",
                                () -> Json.object(
                                                "where",
                                                reads.whereUnique(target),
                                                "update",
                                                updateInput(target),
                                                "create",
                                                createInput(target, back))
                                        .required(List.of("where", "update", "create")))));
            }
            input.addProperty(
                    "updateMany",
                    Json.array(components.ref(
                            target.name() + "UpdateManyWithWhereInput",
                            () -> Json.object("where", reads.where(target), "data", updateManyInput(target))
                                    .required(List.of("where", "data")))));
            input.addProperty("deleteMany", Json.array(reads.where(target)));
            return input.description("Changes the related " + target.name() + " records.");
        });
    }

    Schema createArgs(ApiModel model) {
        return components.ref(model.name() + "CreateArgs", () -> {
            Schema args = Json.object("data", createInput(model));
            reads.addShape(args, model);
            return args.required(List.of("data"));
        });
    }

    Schema createManyArgs(ApiModel model) {
        return components.ref(
                model.name() + "CreateManyArgs",
                () -> Json.object(
                                "data", Json.array(createManyInput(model)),
                                "skipDuplicates",
                                        Json.bool().description("Skips rows that would violate a unique constraint."))
                        .required(List.of("data")));
    }

    Schema createManyAndReturnArgs(ApiModel model) {
        return components.ref(model.name() + "CreateManyAndReturnArgs", () -> {
            Schema args = Json.object(
                    "data", Json.array(createManyInput(model)),
                    "skipDuplicates", Json.bool().description("Skips rows that would violate a unique constraint."));
            reads.addShape(args, model);
            return args.required(List.of("data"));
        });
    }

    Schema updateArgs(ApiModel model) {
        return components.ref(model.name() + "UpdateArgs", () -> {
            Schema args = Json.object("where", reads.whereUnique(model), "data", updateInput(model));
            reads.addShape(args, model);
            return args.required(List.of("where", "data"));
        });
    }

    Schema updateManyArgs(ApiModel model) {
        return components.ref(
                model.name() + "UpdateManyArgs",
                () -> Json.object(
                                "where", reads.where(model),
                                "data", updateManyInput(model),
                                "limit", Json.integer().description("Changes at most this many records."))
                        .required(List.of("data")));
    }

    Schema updateManyAndReturnArgs(ApiModel model) {
        return components.ref(model.name() + "UpdateManyAndReturnArgs", () -> {
            Schema args = Json.object(
                    "where", reads.where(model),
                    "data", updateManyInput(model),
                    "limit", Json.integer().description("Changes at most this many records."));
            reads.addShape(args, model);
            return args.required(List.of("data"));
        });
    }

    Schema upsertArgs(ApiModel model) {
        return components.ref(model.name() + "UpsertArgs", () -> {
            Schema args = Json.object(
                    "where", reads.whereUnique(model), "create", createInput(model), "update", updateInput(model));
            reads.addShape(args, model);
            return args.required(List.of("where", "create", "update"));
        });
    }

    /** The body of {@code PUT /api/users/{id}}: the record to create when absent, the changes when present. */
    Schema upsertBody(ApiModel model) {
        return components.ref(
                model.name() + "UpsertInput",
                () -> Json.object("create", createInput(model), "update", updateInput(model))
                        .required(List.of("create", "update")));
    }

    /**
     * The answer of {@code POST /api/users/bulk}: always an object, so that a typed client has one type;
     * {@code records} is there when the request asked for a shape (createManyAndReturn).
     */
    Schema bulkCreateResult(ApiModel model) {
        return components.ref(
                model.name() + "BulkCreateResult",
                () -> Json.object(
                                "count", Json.integer().description("How many records were created."),
                                "records",
                                        Json.array(reads.record(model))
                                                .description("The created records; only when select, include or "
                                                        + "omit was given."))
                        .required(List.of("count")));
    }

    /**
     * The answer of {@code PATCH /api/users?filter=…}: {@code records} is there when the request asked for a shape
     * (updateManyAndReturn).
     */
    Schema bulkUpdateResult(ApiModel model) {
        return components.ref(
                model.name() + "BulkUpdateResult",
                () -> Json.object(
                                "count", Json.integer().description("How many records changed."),
                                "records",
                                        Json.array(reads.record(model))
                                                .description("The changed records; only when select, include or "
                                                        + "omit was given."))
                        .required(List.of("count")));
    }

    Schema deleteArgs(ApiModel model) {
        return components.ref(model.name() + "DeleteArgs", () -> {
            Schema args = Json.object("where", reads.whereUnique(model));
            reads.addShape(args, model);
            return args.required(List.of("where"));
        });
    }

    Schema deleteManyArgs(ApiModel model) {
        return components.ref(
                model.name() + "DeleteManyArgs",
                () -> Json.object(
                        "where", reads.where(model),
                        "limit", Json.integer().description("Deletes at most this many records.")));
    }
}
