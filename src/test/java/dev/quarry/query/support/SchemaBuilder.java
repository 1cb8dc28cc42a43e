package dev.quarry.query.support;

import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.PrimaryKey;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Builds resolved {@link Schema} records in tests, until the schema parser is on main. */
public final class SchemaBuilder {

    private final List<Model> models = new ArrayList<>();
    private final List<EnumType> enums = new ArrayList<>();
    private final List<Relation> relations = new ArrayList<>();

    /** Values as {@code NAME} or {@code NAME:dbName}. */
    public SchemaBuilder enumType(String name, String dbName, String... values) {
        List<EnumType.EnumValue> vs = Arrays.stream(values).map(v -> {
            String[] p = v.split(":");
            return new EnumType.EnumValue(p[0], p.length > 1 ? p[1] : p[0], Optional.empty());
        }).toList();
        enums.add(new EnumType(name, dbName, Optional.empty(), vs, Optional.empty()));
        return this;
    }

    public ModelBuilder model(String name, String dbName) {
        return new ModelBuilder(name, dbName);
    }

    /** A one-to-one or one-to-many relation; the referencing side holds {@code fkFields}. */
    public SchemaBuilder relation(String name, Relation.Kind kind, String referencingModel, String referencingField, List<String> fkFields,
            String referencedModel, String referencedField, List<String> referencedFields) {
        relations.add(new Relation(name, kind, referencingModel, Optional.of(referencingField), fkFields, referencedModel, Optional.of(referencedField),
                referencedFields, ReferentialAction.CASCADE, ReferentialAction.CASCADE, Optional.empty()));
        return this;
    }

    /** An implicit many-to-many: model {@code a} is column A of {@code _name}. */
    public SchemaBuilder manyToMany(String name, String a, String aField, String aId, String b, String bField, String bId) {
        relations.add(new Relation(name, Relation.Kind.MANY_TO_MANY, a, Optional.of(aField), List.of(aId), b, Optional.of(bField), List.of(bId),
                ReferentialAction.CASCADE, ReferentialAction.CASCADE, Optional.empty()));
        return this;
    }

    public Schema build() {
        return new Schema(Optional.empty(), List.of(), models, enums, List.of(), relations);
    }

    public final class ModelBuilder {
        private final String name;
        private final String dbName;
        private final List<Field> fields = new ArrayList<>();
        private PrimaryKey primaryKey;
        private final List<UniqueConstraint> uniques = new ArrayList<>();

        ModelBuilder(String name, String dbName) {
            this.name = name;
            this.dbName = dbName;
        }

        /**
         * {@code spec}: {@code name[:dbName] Type[?|[]] [id] [unique] [@db.Native]}, Type a Prisma scalar or an enum name.
         */
        public ModelBuilder field(String spec) {
            String[] parts = spec.trim().split("\\s+");
            String[] names = parts[0].split(":");
            String type = parts[1];
            Arity arity = Arity.REQUIRED;
            if (type.endsWith("?")) {
                arity = Arity.OPTIONAL;
                type = type.substring(0, type.length() - 1);
            } else if (type.endsWith("[]")) {
                arity = Arity.LIST;
                type = type.substring(0, type.length() - 2);
            }
            String t = type;
            FieldType fieldType = dev.quarry.schema.model.ScalarType.fromPrismaName(t).map(s -> (FieldType) s)
                    .orElseGet(() -> new FieldType.EnumRef(t));
            Optional<NativeType> nativeType = Optional.empty();
            for (int i = 2; i < parts.length; i++) {
                if (parts[i].equals("id")) {
                    primaryKey = new PrimaryKey(List.of(IndexField.of(names[0])), Optional.empty(), Optional.empty());
                } else if (parts[i].equals("unique")) {
                    uniques.add(new UniqueConstraint(List.of(IndexField.of(names[0])), Optional.empty(), Optional.empty(), true));
                } else if (parts[i].startsWith("@db.")) {
                    nativeType = Optional.of(new NativeType(parts[i].substring(4), List.of()));
                }
            }
            fields.add(new ScalarField(names[0], names.length > 1 ? names[1] : names[0], fieldType, arity, Optional.empty(), false, nativeType, false,
                    Optional.empty()));
            return this;
        }

        /** {@code spec}: {@code name Model[?|[]] RelationName}. */
        public ModelBuilder relation(String spec) {
            String[] parts = spec.trim().split("\\s+");
            String type = parts[1];
            Arity arity = Arity.REQUIRED;
            if (type.endsWith("?")) {
                arity = Arity.OPTIONAL;
                type = type.substring(0, type.length() - 1);
            } else if (type.endsWith("[]")) {
                arity = Arity.LIST;
                type = type.substring(0, type.length() - 2);
            }
            fields.add(new RelationField(parts[0], type, arity, parts[2], List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    false, Optional.empty()));
            return this;
        }

        public ModelBuilder compoundId(String... fieldNames) {
            primaryKey = new PrimaryKey(Arrays.stream(fieldNames).map(IndexField::of).toList(), Optional.empty(), Optional.empty());
            return this;
        }

        public ModelBuilder compoundUnique(Optional<String> clientName, String... fieldNames) {
            uniques.add(new UniqueConstraint(Arrays.stream(fieldNames).map(IndexField::of).toList(), clientName, Optional.empty(), false));
            return this;
        }

        public SchemaBuilder done() {
            models.add(new Model(name, dbName, Optional.empty(), false, false, Optional.empty(), fields, Optional.ofNullable(primaryKey), uniques,
                    List.of()));
            return SchemaBuilder.this;
        }
    }
}
