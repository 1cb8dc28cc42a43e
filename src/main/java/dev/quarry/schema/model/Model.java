package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A {@code model} or {@code view} block. Field-level {@code @id}/{@code @unique} are folded into
 * {@link #primaryKey()} and {@link #uniques()}, so both spellings look the same here.
 *
 * @param dbName     the {@code @@map} value, else the name
 * @param dbSchema   the {@code @@schema} value (multi-schema), else empty
 * @param primaryKey {@code @id} or {@code @@id}; empty for views and models without one
 * @param policies   the access policies of the model and of its fields, in the order written
 * @param rules the data rules ({@code @email}, {@code @@validate}, {@code @@check} …), field-level and model-level
 * @param deletedAt  the name of its {@code @deletedAt} field (soft delete), if it has one
 */
public record Model(
        String name,
        String dbName,
        Optional<String> dbSchema,
        boolean view,
        boolean ignored,
        Optional<String> documentation,
        List<Field> fields,
        Optional<PrimaryKey> primaryKey,
        List<UniqueConstraint> uniques,
        List<Index> indexes,
        List<Policy> policies,
        List<DataRule> rules,
        Optional<String> deletedAt) {

    public Model {
        fields = List.copyOf(fields);
        uniques = List.copyOf(uniques);
        indexes = List.copyOf(indexes);
        policies = List.copyOf(policies);
        rules = List.copyOf(rules);
    }

    /** A model without data rules and without soft delete. */
    public Model(
            String name,
            String dbName,
            Optional<String> dbSchema,
            boolean view,
            boolean ignored,
            Optional<String> documentation,
            List<Field> fields,
            Optional<PrimaryKey> primaryKey,
            List<UniqueConstraint> uniques,
            List<Index> indexes,
            List<Policy> policies) {
        this(
                name,
                dbName,
                dbSchema,
                view,
                ignored,
                documentation,
                fields,
                primaryKey,
                uniques,
                indexes,
                policies,
                List.of(),
                Optional.empty());
    }

    /** A model without access policies. */
    public Model(
            String name,
            String dbName,
            Optional<String> dbSchema,
            boolean view,
            boolean ignored,
            Optional<String> documentation,
            List<Field> fields,
            Optional<PrimaryKey> primaryKey,
            List<UniqueConstraint> uniques,
            List<Index> indexes) {
        this(name, dbName, dbSchema, view, ignored, documentation, fields, primaryKey, uniques, indexes, List.of());
    }

    public Model withPolicies(List<Policy> modelPolicies) {
        return new Model(
                name,
                dbName,
                dbSchema,
                view,
                ignored,
                documentation,
                fields,
                primaryKey,
                uniques,
                indexes,
                modelPolicies,
                rules,
                deletedAt);
    }

    public Model withRules(List<DataRule> modelRules) {
        return new Model(
                name,
                dbName,
                dbSchema,
                view,
                ignored,
                documentation,
                fields,
                primaryKey,
                uniques,
                indexes,
                policies,
                modelRules,
                deletedAt);
    }

    public Model withDeletedAt(Optional<String> field) {
        return new Model(
                name,
                dbName,
                dbSchema,
                view,
                ignored,
                documentation,
                fields,
                primaryKey,
                uniques,
                indexes,
                policies,
                rules,
                field);
    }

    /**
     * The {@code @deletedAt} field: {@code delete} sets it instead of removing the row, and reads leave out the
     * rows where it is set (soft delete).
     */
    public Optional<ScalarField> softDeleteField() {
        return deletedAt.map(this::scalarField);
    }

    /** The rules on one field ({@code @email}, {@code @length(…)}), in the order written. */
    public List<DataRule.FieldRule> fieldRules(String field) {
        return rules.stream()
                .filter(DataRule.FieldRule.class::isInstance)
                .map(DataRule.FieldRule.class::cast)
                .filter(r -> r.field().equals(field))
                .toList();
    }

    /**
     * Read plans are cache keys ({@code StatementCache}) and hash the models they read at every lookup: the name
     * hashes the same for equal models, and costs nothing next to hashing every field.
     */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** Whether the model has any rule, model-level or field-level: then row-level security is on for its table. */
    public boolean hasPolicies() {
        return !policies.isEmpty();
    }

    public List<ScalarField> scalarFields() {
        return fields.stream()
                .filter(ScalarField.class::isInstance)
                .map(ScalarField.class::cast)
                .toList();
    }

    public List<RelationField> relationFields() {
        return fields.stream()
                .filter(RelationField.class::isInstance)
                .map(RelationField.class::cast)
                .toList();
    }

    // the planners look fields up by name several times per request: a loop, no list or stream built per lookup

    public Optional<Field> findField(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public Optional<ScalarField> findScalarField(String name) {
        return findField(name).filter(ScalarField.class::isInstance).map(ScalarField.class::cast);
    }

    public Optional<RelationField> findRelationField(String name) {
        return findField(name).filter(RelationField.class::isInstance).map(RelationField.class::cast);
    }

    /** The scalar field of that name; a missing one is a programming error. */
    public ScalarField scalarField(String name) {
        return findScalarField(name)
                .orElseThrow(() -> new IllegalArgumentException("no scalar field " + this.name + "." + name));
    }
}
