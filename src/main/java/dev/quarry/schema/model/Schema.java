package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * A whole resolved schema: one datasource, generators, models (and views), enums, composite types, relations, and
 * the options of the access policies.
 */
public record Schema(
        Optional<Datasource> datasource,
        List<Generator> generators,
        List<Model> models,
        List<EnumType> enums,
        List<CompositeType> compositeTypes,
        List<Relation> relations,
        PolicyOptions policyOptions) {

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

    public Schema {
        generators = List.copyOf(generators);
        models = List.copyOf(models);
        enums = List.copyOf(enums);
        compositeTypes = List.copyOf(compositeTypes);
        relations = List.copyOf(relations);
    }

    // looked up per request by the planners: loops, no stream built per lookup

    public Optional<Model> findModel(String name) {
        for (Model m : models) {
            if (m.name().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The model of that name; a missing one is a programming error, not a user error. */
    public Model model(String name) {
        return findModel(name).orElseThrow(() -> new IllegalArgumentException("no model " + name));
    }

    public Optional<EnumType> findEnum(String name) {
        return enums.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<CompositeType> findCompositeType(String name) {
        return compositeTypes.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The relation a relation field belongs to. */
    public Relation relationOf(Model model, RelationField field) {
        for (Relation r : relations) {
            if (r.has(model.name(), field.name())) {
                return r;
            }
        }
        throw new IllegalArgumentException("no relation for " + model.name() + "." + field.name());
    }
}
