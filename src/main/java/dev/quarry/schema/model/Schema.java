package dev.quarry.schema.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A whole resolved schema: one datasource, generators, models (and views), enums, composite types, relations, and
 * the options of the access policies. Models, enums, composite types and each relation field's relation are indexed
 * once, here, so the planners' lookups on every request are map reads, not scans.
 */
public final class Schema {

    private final Optional<Datasource> datasource;
    private final List<Generator> generators;
    private final List<Model> models;
    private final List<EnumType> enums;
    private final List<CompositeType> compositeTypes;
    private final List<Relation> relations;
    private final PolicyOptions policyOptions;

    private final Map<String, Model> modelsByName;
    private final Map<String, EnumType> enumsByName;
    private final Map<String, CompositeType> compositeTypesByName;
    /** Model name → relation field name → the relation it belongs to. */
    private final Map<String, Map<String, Relation>> relationsByField;
    /** Model name → its relation fields the API serves. */
    private final Map<String, List<RelationField>> apiRelationFields;

    private final Map<String, Model> modelsByTable;
    /** Model name → its fields that rows of a relation (or of its join table) point to. */
    private final Map<String, Set<String>> referencedKeys;

    public Schema(
            Optional<Datasource> datasource,
            List<Generator> generators,
            List<Model> models,
            List<EnumType> enums,
            List<CompositeType> compositeTypes,
            List<Relation> relations,
            PolicyOptions policyOptions) {
        this.datasource = datasource;
        this.generators = List.copyOf(generators);
        this.models = List.copyOf(models);
        this.enums = List.copyOf(enums);
        this.compositeTypes = List.copyOf(compositeTypes);
        this.relations = List.copyOf(relations);
        this.policyOptions = policyOptions;
        this.modelsByName = byName(this.models, Model::name);
        this.enumsByName = byName(this.enums, EnumType::name);
        this.compositeTypesByName = byName(this.compositeTypes, CompositeType::name);
        this.relationsByField = relationsByField(this.relations);
        Map<String, List<RelationField>> served = new HashMap<>();
        this.models.forEach(m -> served.putIfAbsent(m.name(), apiRelationFieldsOf(m)));
        this.apiRelationFields = Map.copyOf(served);
        this.modelsByTable = byName(this.models, Model::dbName);
        this.referencedKeys = referencedKeys(this.relations);
    }

    /** A schema that declares no policy options. */
    public Schema(
            Optional<Datasource> datasource,
            List<Generator> generators,
            List<Model> models,
            List<EnumType> enums,
            List<CompositeType> compositeTypes,
            List<Relation> relations) {
        this(datasource, generators, models, enums, compositeTypes, relations, PolicyOptions.NONE);
    }

    /** The first of each name, as a scan in declaration order would find it. */
    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> map = new HashMap<>();
        items.forEach(item -> map.putIfAbsent(name.apply(item), item));
        return Map.copyOf(map);
    }

    private static Map<String, Map<String, Relation>> relationsByField(List<Relation> relations) {
        Map<String, Map<String, Relation>> byModel = new HashMap<>();
        for (Relation r : relations) {
            r.referencingField()
                    .ifPresent(field -> byModel.computeIfAbsent(r.referencingModel(), m -> new HashMap<>())
                            .putIfAbsent(field, r));
            r.referencedField()
                    .ifPresent(field -> byModel.computeIfAbsent(r.referencedModel(), m -> new HashMap<>())
                            .putIfAbsent(field, r));
        }
        byModel.replaceAll((model, fields) -> Map.copyOf(fields));
        return Map.copyOf(byModel);
    }

    public Optional<Datasource> datasource() {
        return datasource;
    }

    public List<Generator> generators() {
        return generators;
    }

    public List<Model> models() {
        return models;
    }

    public List<EnumType> enums() {
        return enums;
    }

    public List<CompositeType> compositeTypes() {
        return compositeTypes;
    }

    public List<Relation> relations() {
        return relations;
    }

    public PolicyOptions policyOptions() {
        return policyOptions;
    }

    public Optional<Model> findModel(String name) {
        return Optional.ofNullable(modelsByName.get(name));
    }

    /** The model of that name; a missing one is a programming error, not a user error. */
    public Model model(String name) {
        return findModel(name).orElseThrow(() -> new IllegalArgumentException("no model " + name));
    }

    public Optional<EnumType> findEnum(String name) {
        return Optional.ofNullable(enumsByName.get(name));
    }

    public Optional<CompositeType> findCompositeType(String name) {
        return Optional.ofNullable(compositeTypesByName.get(name));
    }

    /** The relation a relation field belongs to. */
    public Relation relationOf(Model model, RelationField field) {
        Relation relation =
                relationsByField.getOrDefault(model.name(), Map.of()).get(field.name());
        if (relation == null) {
            throw new IllegalArgumentException("no relation for " + model.name() + "." + field.name());
        }
        return relation;
    }

    /** Whether {@code field} of {@code model} is a key that rows of a relation (or its join table) point to. */
    public boolean isReferencedKey(Model model, ScalarField field) {
        return referencedKeys.getOrDefault(model.name(), Set.of()).contains(field.name());
    }

    private static Map<String, Set<String>> referencedKeys(List<Relation> relations) {
        Map<String, Set<String>> keys = new HashMap<>();
        for (Relation r : relations) {
            keys.computeIfAbsent(r.referencedModel(), m -> new HashSet<>()).addAll(r.referencedScalars());
            if (r.kind() == Relation.Kind.MANY_TO_MANY) {
                keys.computeIfAbsent(r.referencingModel(), m -> new HashSet<>()).addAll(r.referencingScalars());
            }
        }
        keys.replaceAll((model, fields) -> Set.copyOf(fields));
        return Map.copyOf(keys);
    }

    /** The model whose table (its database name) is {@code table}. */
    public Optional<Model> findModelByTable(String table) {
        return Optional.ofNullable(modelsByTable.get(table));
    }

    /** {@code model}'s relation fields the API serves: not {@code @ignore}d, to a model not {@code @@ignore}d. */
    public List<RelationField> apiRelationFields(Model model) {
        List<RelationField> known = apiRelationFields.get(model.name());
        return known != null && model == modelsByName.get(model.name()) ? known : apiRelationFieldsOf(model);
    }

    public boolean servedByTheApi(RelationField field) {
        return !field.ignored()
                && findModel(field.relatedModel()).filter(m -> !m.ignored()).isPresent();
    }

    private List<RelationField> apiRelationFieldsOf(Model model) {
        return model.relationFields().stream().filter(this::servedByTheApi).toList();
    }

    /** The model that holds the foreign key of {@code relation} (column {@code A} of a many-to-many). */
    public Model referencingModel(Relation relation) {
        return model(relation.referencingModel());
    }

    /** The model {@code relation}'s foreign key points to (column {@code B} of a many-to-many). */
    public Model referencedModel(Relation relation) {
        return model(relation.referencedModel());
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof Schema s
                        && datasource.equals(s.datasource)
                        && generators.equals(s.generators)
                        && models.equals(s.models)
                        && enums.equals(s.enums)
                        && compositeTypes.equals(s.compositeTypes)
                        && relations.equals(s.relations)
                        && policyOptions.equals(s.policyOptions));
    }

    @Override
    public int hashCode() {
        return models.hashCode();
    }

    @Override
    public String toString() {
        return "Schema[datasource=" + datasource + ", generators=" + generators + ", models=" + models + ", enums="
                + enums + ", compositeTypes=" + compositeTypes + ", relations=" + relations + ", policyOptions="
                + policyOptions + "]";
    }
}
