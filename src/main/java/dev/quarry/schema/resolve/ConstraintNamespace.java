package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.ConstraintNames;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.syntax.Attribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * In PostgreSQL a primary key, a unique constraint and an index are all relations of the database schema, so their
 * names share one namespace across the tables of that schema: two of them with one name (given with {@code map:},
 * or Prisma's defaults, as for two {@code @@index([email])}) would fail in the migration. Reported at each
 * attribute, in Prisma's words.
 */
final class ConstraintNamespace {

    enum Kind {
        PRIMARY_KEY,
        UNIQUE,
        INDEX
    }

    /**
     * An attribute that names something in the namespace: {@code map} if given, else Prisma's default from the
     * fields.
     */
    record Declared(Attribute attribute, String attributeName, Kind kind, List<String> fields, Optional<String> map) {}

    private ConstraintNamespace() {}

    static void check(Context ctx, Collection<ModelDraft> models) {
        Map<String, List<Declared>> byName = new LinkedHashMap<>();
        for (ModelDraft model : models) {
            if (model.isView()) {
                continue; // a view has no keys or indexes of its own in the database
            }
            for (Declared declared : model.namedConstraints) {
                String name = declared.map().orElseGet(() -> defaultName(model, declared));
                byName.computeIfAbsent(model.dbSchema.orElse("") + "." + name, k -> new ArrayList<>())
                        .add(declared);
            }
        }
        for (Map.Entry<String, List<Declared>> entry : byName.entrySet()) {
            if (entry.getValue().size() > 1) {
                String name = entry.getKey().substring(entry.getKey().indexOf('.') + 1);
                for (Declared declared : entry.getValue()) {
                    ctx.push(SchemaErrors.attribute(
                            declared.attribute().span(),
                            declared.attributeName(),
                            "The given constraint name `" + name
                                    + "` has to be unique in the following namespace: global for primary key, "
                                    + "indexes and unique constraints. Please provide a different name using the "
                                    + "`map` argument."));
                }
            }
        }
    }

    private static String defaultName(ModelDraft model, Declared declared) {
        List<String> columns = declared.fields().stream()
                .map(f -> model.findScalar(f).map(ScalarField::dbName).orElse(f))
                .toList();
        return switch (declared.kind()) {
            case PRIMARY_KEY -> ConstraintNames.primaryKey(model.dbName);
            case UNIQUE -> ConstraintNames.unique(model.dbName, columns);
            case INDEX -> ConstraintNames.index(model.dbName, columns);
        };
    }
}
