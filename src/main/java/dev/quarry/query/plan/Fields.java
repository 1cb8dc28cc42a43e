package dev.quarry.query.plan;

import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the API sees of a model: its visible fields, relations and unique criteria. */
final class Fields {

    private Fields() {}

    /** Scalars the API serves: not {@code @ignore}d, not {@code Unsupported}, not composite. */
    static List<ScalarField> visibleScalars(Model model) {
        return model.apiScalarFields();
    }

    static boolean visible(ScalarField field) {
        return Model.servedByTheApi(field);
    }

    static List<RelationField> visibleRelations(Schema schema, Model model) {
        return schema.apiRelationFields(model);
    }

    static boolean visible(Schema schema, RelationField field) {
        return schema.servedByTheApi(field);
    }

    /**
     * The visible field of that name (a field's name is unique in its model); per request, so no lists are built.
     */
    static Optional<Field> find(Schema schema, Model model, String name) {
        return model.findField(name)
                .filter(f -> f instanceof ScalarField scalar ? visible(scalar) : visible(schema, (RelationField) f));
    }

    static List<String> names(Schema schema, Model model) {
        List<String> names = new ArrayList<>();
        visibleScalars(model).forEach(f -> names.add(f.name()));
        visibleRelations(schema, model).forEach(f -> names.add(f.name()));
        return names;
    }

    static List<String> scalarNames(Model model) {
        return visibleScalars(model).stream().map(ScalarField::name).toList();
    }

    static Hop hop(Schema schema, Model from, RelationField field) {
        return new Hop(from, field, schema.relationOf(from, field), schema.model(field.relatedModel()));
    }

    static boolean isType(ScalarField field, ScalarType type) {
        return field.type() == type;
    }

    /**
     * The unique criteria of a model as Prisma's WhereUniqueInput names them: single fields by their name,
     * compounds by {@code name:} or their fields joined with {@code _}; each maps to its fields.
     */
    static Map<String, List<String>> uniqueCriteria(Model model) {
        return model.uniqueCriteria();
    }

    /** The fields that identify a row: the primary key, else the first unique. */
    static List<ScalarField> identity(Model model) {
        return model.identity();
    }
}
