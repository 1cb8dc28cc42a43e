package dev.quarry.schema.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code model} or {@code view} block. Field-level {@code @id}/{@code @unique} are folded into
 * {@link #primaryKey()} and {@link #uniques()}, so both spellings look the same here. What the planners ask of a
 * model on every request (a field by name, its scalar and relation fields, its unique criteria, the fields that
 * identify a row) is worked out once, here, not found again by scanning the fields.
 *
 * <p>{@code dbName}: the {@code @@map} value, else the name; {@code dbSchema}: the {@code @@schema} value
 * (multi-schema), else empty; {@code primaryKey}: {@code @id} or {@code @@id}, empty for views and models without
 * one; {@code policies}: the access policies of the model and of its fields, in the order written; {@code rules}: the
 * data rules ({@code @email}, {@code @@validate}, {@code @@check} …), field-level and model-level; {@code deletedAt}:
 * the name of its {@code @deletedAt} field (soft delete), if it has one.
 */
public final class Model {

    private final String name;
    private final String dbName;
    private final Optional<String> dbSchema;
    private final boolean view;
    private final boolean ignored;
    private final Optional<String> documentation;
    private final List<Field> fields;
    private final Optional<PrimaryKey> primaryKey;
    private final List<UniqueConstraint> uniques;
    private final List<Index> indexes;
    private final List<Policy> policies;
    private final List<DataRule> rules;
    private final Optional<String> deletedAt;

    private final List<ScalarField> scalarFields;
    private final List<RelationField> relationFields;
    private final List<ScalarField> apiScalarFields;
    private final Map<String, Field> fieldsByName;
    private final Map<String, List<DataRule.FieldRule>> fieldRules;
    private final Map<String, List<String>> uniqueCriteria;
    private final List<ScalarField> identity;

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
            List<Policy> policies,
            List<DataRule> rules,
            Optional<String> deletedAt) {
        this.name = name;
        this.dbName = dbName;
        this.dbSchema = dbSchema;
        this.view = view;
        this.ignored = ignored;
        this.documentation = documentation;
        this.fields = List.copyOf(fields);
        this.primaryKey = primaryKey;
        this.uniques = List.copyOf(uniques);
        this.indexes = List.copyOf(indexes);
        this.policies = List.copyOf(policies);
        this.rules = List.copyOf(rules);
        this.deletedAt = deletedAt;
        List<ScalarField> scalars = new ArrayList<>();
        List<RelationField> relations = new ArrayList<>();
        Map<String, Field> byName = new HashMap<>();
        for (Field field : this.fields) {
            byName.putIfAbsent(field.name(), field);
            if (field instanceof ScalarField scalar) {
                scalars.add(scalar);
            } else {
                relations.add((RelationField) field);
            }
        }
        this.scalarFields = List.copyOf(scalars);
        this.relationFields = List.copyOf(relations);
        this.apiScalarFields = scalars.stream().filter(Model::servedByTheApi).toList();
        this.fieldsByName = Map.copyOf(byName);
        this.fieldRules = fieldRules(this.rules);
        this.uniqueCriteria = uniqueCriteria(primaryKey, this.uniques);
        this.identity = identity(primaryKey, this.uniques, this.fieldsByName);
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
        return with(modelPolicies, rules, deletedAt);
    }

    public Model withRules(List<DataRule> modelRules) {
        return with(policies, modelRules, deletedAt);
    }

    public Model withDeletedAt(Optional<String> field) {
        return with(policies, rules, field);
    }

    private Model with(List<Policy> policies, List<DataRule> rules, Optional<String> deletedAt) {
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
                deletedAt);
    }

    public String name() {
        return name;
    }

    public String dbName() {
        return dbName;
    }

    public Optional<String> dbSchema() {
        return dbSchema;
    }

    public boolean view() {
        return view;
    }

    public boolean ignored() {
        return ignored;
    }

    public Optional<String> documentation() {
        return documentation;
    }

    public List<Field> fields() {
        return fields;
    }

    public Optional<PrimaryKey> primaryKey() {
        return primaryKey;
    }

    public List<UniqueConstraint> uniques() {
        return uniques;
    }

    public List<Index> indexes() {
        return indexes;
    }

    public List<Policy> policies() {
        return policies;
    }

    public List<DataRule> rules() {
        return rules;
    }

    public Optional<String> deletedAt() {
        return deletedAt;
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
        return fieldRules.getOrDefault(field, List.of());
    }

    private static Map<String, List<DataRule.FieldRule>> fieldRules(List<DataRule> rules) {
        Map<String, List<DataRule.FieldRule>> byField = new HashMap<>();
        for (DataRule rule : rules) {
            if (rule instanceof DataRule.FieldRule fieldRule) {
                byField.computeIfAbsent(fieldRule.field(), f -> new ArrayList<>())
                        .add(fieldRule);
            }
        }
        byField.replaceAll((field, list) -> List.copyOf(list));
        return Map.copyOf(byField);
    }

    /**
     * The unique criteria as Prisma's WhereUniqueInput names them: single fields by their name, compounds by
     * {@code name:} or their fields joined with {@code _}; each maps to its fields, the primary key first.
     */
    public Map<String, List<String>> uniqueCriteria() {
        return uniqueCriteria;
    }

    private static Map<String, List<String>> uniqueCriteria(
            Optional<PrimaryKey> primaryKey, List<UniqueConstraint> uniques) {
        Map<String, List<String>> criteria = new LinkedHashMap<>();
        primaryKey.ifPresent(pk -> criteria.put(pk.name().orElse(String.join("_", pk.fieldNames())), pk.fieldNames()));
        uniques.forEach(u -> criteria.putIfAbsent(u.name().orElse(String.join("_", u.fieldNames())), u.fieldNames()));
        return Collections.unmodifiableMap(criteria);
    }

    /** The fields that identify a row: the primary key, else the first unique; none for a model without either. */
    public List<ScalarField> identity() {
        return identity;
    }

    private static List<ScalarField> identity(
            Optional<PrimaryKey> primaryKey, List<UniqueConstraint> uniques, Map<String, Field> fieldsByName) {
        List<String> names = primaryKey
                .map(PrimaryKey::fieldNames)
                .orElseGet(() -> uniques.isEmpty() ? List.of() : uniques.get(0).fieldNames());
        return names.stream()
                .map(fieldsByName::get)
                .filter(ScalarField.class::isInstance)
                .map(ScalarField.class::cast)
                .toList();
    }

    /** Equal when every part as written is: the precomputed lists follow from those. */
    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof Model m
                        && name.equals(m.name)
                        && dbName.equals(m.dbName)
                        && dbSchema.equals(m.dbSchema)
                        && view == m.view
                        && ignored == m.ignored
                        && documentation.equals(m.documentation)
                        && fields.equals(m.fields)
                        && primaryKey.equals(m.primaryKey)
                        && uniques.equals(m.uniques)
                        && indexes.equals(m.indexes)
                        && policies.equals(m.policies)
                        && rules.equals(m.rules)
                        && deletedAt.equals(m.deletedAt));
    }

    /**
     * Read plans are cache keys ({@code StatementCache}) and hash the models they read at every lookup: the name
     * hashes the same for equal models, and costs nothing next to hashing every field.
     */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return "Model[name=" + name + ", dbName=" + dbName + ", dbSchema=" + dbSchema + ", view=" + view + ", ignored="
                + ignored + ", documentation=" + documentation + ", fields=" + fields + ", primaryKey=" + primaryKey
                + ", uniques=" + uniques + ", indexes=" + indexes + ", policies=" + policies + ", rules=" + rules
                + ", deletedAt=" + deletedAt + "]";
    }

    /** Whether the model has any rule, model-level or field-level: then row-level security is on for its table. */
    public boolean hasPolicies() {
        return !policies.isEmpty();
    }

    public List<ScalarField> scalarFields() {
        return scalarFields;
    }

    public List<RelationField> relationFields() {
        return relationFields;
    }

    /** The scalars the API serves: not {@code @ignore}d, not {@code Unsupported}, not composite. */
    public List<ScalarField> apiScalarFields() {
        return apiScalarFields;
    }

    public static boolean servedByTheApi(ScalarField field) {
        return !field.ignored() && (field.type() instanceof ScalarType || field.type() instanceof FieldType.EnumRef);
    }

    public Optional<Field> findField(String name) {
        return Optional.ofNullable(fieldsByName.get(name));
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
