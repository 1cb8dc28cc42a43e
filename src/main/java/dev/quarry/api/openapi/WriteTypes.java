package dev.quarry.api.openapi;

import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * What the writes take, per model: {@code UserCreateInput}, {@code UserUpdateInput},
 * {@code UserCreateManyInput}, {@code UserUpdateManyInput}, the nested writes of relations
 * ({@code PostCreateNestedManyInput}, {@code UserUpdateOneRequiredNestedInput}, …) and the argument
 * objects of the writes.
 *
 * <p>One simplification against Prisma's DMMF: a nested create takes the related model's full create
 * input, where Prisma has a {@code …Without<Back-relation>Input} per relation; the back relation is
 * set by the nesting, and giving it as well is refused by the server.
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
        return components.ref(model.name() + "CreateInput", () -> {
            Schema input = Json.object();
            Set<String> foreignKeys = model.foreignKeyScalars();
            List<String> required = new ArrayList<>();
            for (ScalarField field : model.scalars()) {
                input.addProperty(field.name(), values.of(field, model.model().fieldRules(field.name())));
                if (mustBeGiven(field) && !foreignKeys.contains(field.name())) {
                    required.add(field.name());
                }
            }
            for (RelationField relation : model.relations()) {
                ApiModel target = models.get(relation.relatedModel());
                input.addProperty(relation.name(), relation.isList() ? createNestedMany(target) : createNestedOne(target));
            }
            if (!required.isEmpty()) {
                input.required(required);
            }
            return input.description("The new " + model.name() + ". A foreign key is set either as its scalar field"
                    + " or through the relation field (create, connect, connectOrCreate).");
        });
    }

    /** Scalars only, foreign keys included: the rows of createMany. */
    Schema createManyInput(ApiModel model) {
        return components.ref(model.name() + "CreateManyInput", () -> {
            Schema input = Json.object();
            model.scalars().forEach(f -> input.addProperty(f.name(), values.of(f, model.model().fieldRules(f.name()))));
            List<String> required = model.scalars().stream().filter(WriteTypes::mustBeGiven).map(ScalarField::name).toList();
            if (!required.isEmpty()) {
                input.required(required);
            }
            return input;
        });
    }

    Schema updateInput(ApiModel model) {
        return components.ref(model.name() + "UpdateInput", () -> {
            Schema input = Json.object();
            model.scalars().forEach(f -> input.addProperty(f.name(), updateValue(model, f)));
            for (RelationField relation : model.relations()) {
                ApiModel target = models.get(relation.relatedModel());
                input.addProperty(relation.name(), relation.isList() ? updateNestedMany(target) : updateNestedOne(target, relation.isOptional()));
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
            return shared.listOperations(field.type()).description("A bare array in place of this object means {\"set\": array}.");
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

    private Schema createNestedOne(ApiModel target) {
        return components.ref(target.name() + "CreateNestedOneInput", () -> {
            Schema input = Json.object("create", createInput(target));
            addConnect(input, target, false);
            return input.description("Creates the related " + target.name() + ", or connects an existing one.");
        });
    }

    private Schema createNestedMany(ApiModel target) {
        return components.ref(target.name() + "CreateNestedManyInput", () -> {
            Schema input = Json.object("create", Json.array(createInput(target)), "createMany", createManyEnvelope(target));
            addConnect(input, target, true);
            return input.description("Creates related " + target.name() + " records, or connects existing ones.");
        });
    }

    private void addConnect(Schema input, ApiModel target, boolean many) {
        if (!target.addressable()) {
            return;
        }
        Schema connectOrCreate = components.ref(target.name() + "ConnectOrCreateInput", () -> Json.object(
                        "where", reads.whereUnique(target), "create", createInput(target))
                .required(List.of("where", "create")));
        input.addProperty("connectOrCreate", many ? Json.array(connectOrCreate) : connectOrCreate);
        input.addProperty("connect", many ? Json.array(reads.whereUnique(target)) : reads.whereUnique(target));
    }

    private Schema createManyEnvelope(ApiModel target) {
        return components.ref(target.name() + "CreateManyEnvelope", () -> Json.object(
                        "data", Json.array(createManyInput(target)),
                        "skipDuplicates", Json.bool().description("Skips rows that would violate a unique constraint."))
                .required(List.of("data")));
    }

    private Schema updateNestedOne(ApiModel target, boolean optional) {
        String name = target.name() + (optional ? "UpdateOneNestedInput" : "UpdateOneRequiredNestedInput");
        return components.ref(name, () -> {
            Schema input = Json.object("create", createInput(target));
            addConnect(input, target, false);
            input.addProperty("update", updateInput(target));
            input.addProperty("upsert", components.ref(target.name() + "UpsertNestedInput", () -> Json.object(
                            "where", reads.where(target), "update", updateInput(target), "create", createInput(target))
                    .required(List.of("update", "create"))));
            if (optional) {
                input.addProperty("disconnect", Json.bool().description("Unlinks the related record."));
                input.addProperty("delete", Json.bool().description("Deletes the related record."));
            }
            return input.description("Changes the related " + target.name() + ".");
        });
    }

    private Schema updateNestedMany(ApiModel target) {
        return components.ref(target.name() + "UpdateManyNestedInput", () -> {
            Schema input = Json.object("create", Json.array(createInput(target)), "createMany", createManyEnvelope(target));
            addConnect(input, target, true);
            if (target.addressable()) {
                Schema unique = reads.whereUnique(target);
                input.addProperty("set", Json.array(unique).description("Replaces the related records by these."));
                input.addProperty("disconnect", Json.array(unique));
                input.addProperty("delete", Json.array(unique));
                input.addProperty("update", Json.array(components.ref(target.name() + "UpdateWithWhereUniqueInput", () -> Json.object(
                                "where", reads.whereUnique(target), "data", updateInput(target))
                        .required(List.of("where", "data")))));
                input.addProperty("upsert", Json.array(components.ref(target.name() + "UpsertWithWhereUniqueInput", () -> Json.object(
                                "where", reads.whereUnique(target), "update", updateInput(target), "create", createInput(target))
                        .required(List.of("where", "update", "create")))));
            }
            input.addProperty("updateMany", Json.array(components.ref(target.name() + "UpdateManyWithWhereInput", () -> Json.object(
                            "where", reads.where(target), "data", updateManyInput(target))
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
        return components.ref(model.name() + "CreateManyArgs", () -> Json.object(
                        "data", Json.array(createManyInput(model)),
                        "skipDuplicates", Json.bool().description("Skips rows that would violate a unique constraint."))
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
        return components.ref(model.name() + "UpdateManyArgs", () -> Json.object(
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
            Schema args = Json.object("where", reads.whereUnique(model), "create", createInput(model), "update", updateInput(model));
            reads.addShape(args, model);
            return args.required(List.of("where", "create", "update"));
        });
    }

    /** The body of {@code PUT /api/users/{id}}: the record to create when absent, the changes when present. */
    Schema upsertBody(ApiModel model) {
        return components.ref(model.name() + "UpsertInput", () -> Json.object("create", createInput(model), "update", updateInput(model))
                .required(List.of("create", "update")));
    }

    /**
     * The answer of {@code POST /api/users/bulk}: always an object, so that a typed client has one type;
     * {@code records} is there when the request asked for a shape (createManyAndReturn).
     */
    Schema bulkCreateResult(ApiModel model) {
        return components.ref(model.name() + "BulkCreateResult", () -> Json.object(
                        "count", Json.integer().description("How many records were created."),
                        "records", Json.array(reads.record(model)).description("The created records; only when select, include or " + "omit was given."))
                .required(List.of("count")));
    }

    /**
     * The answer of {@code PATCH /api/users?filter=…}: {@code records} is there when the request asked for a shape
     * (updateManyAndReturn).
     */
    Schema bulkUpdateResult(ApiModel model) {
        return components.ref(model.name() + "BulkUpdateResult", () -> Json.object(
                        "count", Json.integer().description("How many records changed."),
                        "records", Json.array(reads.record(model)).description("The changed records; only when select, include or " + "omit was given."))
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
        return components.ref(model.name() + "DeleteManyArgs", () -> Json.object(
                "where", reads.where(model),
                "limit", Json.integer().description("Deletes at most this many records.")));
    }
}
