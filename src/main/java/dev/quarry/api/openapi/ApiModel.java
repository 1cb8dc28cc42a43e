package dev.quarry.api.openapi;

import dev.quarry.api.RouteNames;
import dev.quarry.query.plan.Aggregate;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model (or view) as the API shows it: its fields without {@code @ignore}d and {@code Unsupported}
 * ones, its relations to models that are served, and the unique keys a client can address a record by.
 */
record ApiModel(
        Model model,
        List<ScalarField> scalars,
        List<RelationField> relations,
        Optional<UniqueKey> primaryKey,
        List<UniqueKey> uniqueKeys) {

    /** One way to find a single record: {@code @id}, {@code @@id}, {@code @unique} or {@code @@unique}. */
    record UniqueKey(String name, List<ScalarField> fields) {
        boolean compound() {
            return fields.size() > 1;
        }
    }

    static List<ApiModel> of(Schema schema) {
        Set<String> served = new LinkedHashSet<>();
        schema.models().stream().filter(m -> !m.ignored()).forEach(m -> served.add(m.name()));
        return schema.models().stream()
                .filter(m -> !m.ignored())
                .map(m -> of(m, served))
                .toList();
    }

    private static ApiModel of(Model model, Set<String> served) {
        List<ScalarField> scalars = model.scalarFields().stream()
                .filter(f -> !f.ignored()
                        && !(f.type() instanceof FieldType.Unsupported)
                        && !(f.type() instanceof FieldType.CompositeRef))
                .toList();
        List<RelationField> relations = model.relationFields().stream()
                .filter(f -> !f.ignored() && served.contains(f.relatedModel()))
                .toList();
        Optional<UniqueKey> primaryKey = model.primaryKey().flatMap(pk -> key(pk.name(), pk.fieldNames(), scalars));
        List<UniqueKey> keys = new ArrayList<>();
        primaryKey.ifPresent(keys::add);
        model.uniques()
                .forEach(u -> key(u.name(), u.fieldNames(), scalars)
                        .filter(k -> keys.stream()
                                .noneMatch(existing -> existing.name().equals(k.name())))
                        .ifPresent(keys::add));
        return new ApiModel(model, scalars, relations, primaryKey, keys);
    }

    /** Prisma's name of a compound key is {@code name:}, else the field names joined by {@code _}. */
    private static Optional<UniqueKey> key(Optional<String> name, List<String> fieldNames, List<ScalarField> scalars) {
        List<ScalarField> fields = new ArrayList<>();
        for (String fieldName : fieldNames) {
            Optional<ScalarField> field =
                    scalars.stream().filter(f -> f.name().equals(fieldName)).findFirst();
            if (field.isEmpty()) {
                return Optional.empty();
            }
            fields.add(field.get());
        }
        return Optional.of(new UniqueKey(name.orElse(String.join("_", fieldNames)), fields));
    }

    String name() {
        return model.name();
    }

    boolean view() {
        return model.view();
    }

    String resource() {
        return RouteNames.resource(model.name());
    }

    String delegate() {
        return RouteNames.delegate(model.name());
    }

    Optional<String> documentation() {
        return model.documentation();
    }

    boolean addressable() {
        return !uniqueKeys.isEmpty();
    }

    List<RelationField> toManyRelations() {
        return relations.stream().filter(RelationField::isList).toList();
    }

    /** Scalars that sort and compare: neither lists nor Json. */
    List<ScalarField> orderableScalars() {
        return scalars.stream()
                .filter(f -> !f.isList() && f.type() != ScalarType.JSON)
                .toList();
    }

    /** The scalars the aggregate takes in a selection and an orderBy. */
    List<ScalarField> aggregated(Aggregate fn) {
        return scalars.stream().filter(fn::takes).toList();
    }

    List<ScalarField> numericScalars() {
        return scalars.stream().filter(f -> !f.isList() && isNumeric(f.type())).toList();
    }

    /** The scalars that hold a foreign key of one of this model's relations. */
    Set<String> foreignKeyScalars() {
        Set<String> names = new LinkedHashSet<>();
        model.relationFields().forEach(r -> names.addAll(r.fields()));
        return names;
    }

    static boolean isNumeric(FieldType type) {
        return type == ScalarType.INT
                || type == ScalarType.BIGINT
                || type == ScalarType.FLOAT
                || type == ScalarType.DECIMAL;
    }
}
