package dev.quarry.studio;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.api.RouteNames;
import dev.quarry.diagram.DiagramBuilder;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;

/**
 * What the Studio page needs to know of the schema and the OpenAPI document does not say plainly: each model's
 * routes, id fields and fields by Prisma type, and for each relation field the field on the other side (to filter
 * the related grid with {@code is}/{@code some}). Served as {@code GET /studio/schema.json}; the data itself only
 * ever comes from the API.
 *
 * <pre>
 * {"models":[{"name":"User","route":"users","delegate":"user","view":false,"id":["id"],
 * "fields":[{"name":"email","kind":"scalar","type":"String","list":false,"optional":false,"hasDefault":false,
 * "updatedAt":false},
 * {"name":"posts","kind":"relation","type":"Post","list":true,"optional":false,"back":"author","backList":false}]}],
 *  "enums":{"Role":["USER","ADMIN"]}}
 * </pre>
 */
public final class StudioSchema {

    private StudioSchema() {}

    public static ObjectNode of(Schema schema) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        ArrayNode models = root.putArray("models");
        for (Model model : schema.models()) {
            if (model.ignored()) {
                continue;
            }
            ObjectNode out = models.addObject();
            out.put("name", model.name());
            out.put("route", RouteNames.resource(model.name()));
            out.put("delegate", RouteNames.delegate(model.name()));
            out.put("view", model.view());
            ArrayNode id = out.putArray("id");
            model.primaryKey().ifPresent(pk -> pk.fieldNames().forEach(id::add));
            if (id.isEmpty()) {
                // a model without @id is found by its first unique, as Prisma's findUnique would
                model.uniques().stream()
                        .findFirst()
                        .ifPresent(u -> u.fieldNames().forEach(id::add));
            }
            ArrayNode fields = out.putArray("fields");
            for (var field : model.fields()) {
                if (field.ignored()) {
                    continue;
                }
                if (field instanceof ScalarField scalar) {
                    if (scalar.type() instanceof FieldType.Unsupported
                            || scalar.type() instanceof FieldType.CompositeRef) {
                        continue;
                    }
                    ObjectNode f = fields.addObject();
                    f.put("name", scalar.name());
                    f.put("kind", scalar.type() instanceof ScalarType ? "scalar" : "enum");
                    f.put("type", DiagramBuilder.typeName(scalar.type()));
                    f.put("list", scalar.isList());
                    f.put("optional", scalar.isOptional());
                    f.put("hasDefault", scalar.defaultValue().isPresent());
                    f.put("updatedAt", scalar.updatedAt());
                } else if (field instanceof RelationField relationField) {
                    Relation relation = schema.relationOf(model, relationField);
                    boolean referencing = relation.referencingModel().equals(model.name())
                            && relation.referencingField()
                                    .filter(relationField.name()::equals)
                                    .isPresent();
                    var back = referencing ? relation.referencedField() : relation.referencingField();
                    if (back.isEmpty()
                            || schema.model(relationField.relatedModel()).ignored()) {
                        continue;
                    }
                    Model related = schema.model(relationField.relatedModel());
                    ObjectNode f = fields.addObject();
                    f.put("name", relationField.name());
                    f.put("kind", "relation");
                    f.put("type", relationField.relatedModel());
                    f.put("list", relationField.isList());
                    f.put("optional", relationField.isOptional());
                    f.put("back", back.get());
                    f.put(
                            "backList",
                            related.findField(back.get()).map(b -> b.isList()).orElse(false));
                }
            }
        }
        ObjectNode enums = root.putObject("enums");
        for (EnumType type : schema.enums()) {
            ArrayNode values = enums.putArray(type.name());
            type.values().forEach(v -> values.add(v.name()));
        }
        return root;
    }
}
