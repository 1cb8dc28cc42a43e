package dev.quarry.database;

import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Field;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.PrimaryKey;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Resolved schemas written in test code, for tests that must not depend on the parser. */
public final class TestSchemas {

    private TestSchemas() {}

    public static ScalarField field(String name, FieldType type, Arity arity) {
        return new ScalarField(
                name, name, type, arity, Optional.empty(), false, Optional.empty(), false, Optional.empty());
    }

    public static ScalarField withDefault(ScalarField f, DefaultValue value) {
        return new ScalarField(
                f.name(),
                f.dbName(),
                f.type(),
                f.arity(),
                Optional.of(value),
                f.updatedAt(),
                f.nativeType(),
                f.ignored(),
                f.documentation());
    }

    public static ScalarField withNative(ScalarField f, String name, String... args) {
        return new ScalarField(
                f.name(),
                f.dbName(),
                f.type(),
                f.arity(),
                f.defaultValue(),
                f.updatedAt(),
                Optional.of(new NativeType(name, List.of(args))),
                f.ignored(),
                f.documentation());
    }

    public static ScalarField mapped(ScalarField f, String dbName) {
        return new ScalarField(
                f.name(),
                dbName,
                f.type(),
                f.arity(),
                f.defaultValue(),
                f.updatedAt(),
                f.nativeType(),
                f.ignored(),
                f.documentation());
    }

    public static DefaultValue fn(String name, Object... args) {
        return new DefaultValue.Function(name, Arrays.asList(args), Optional.empty());
    }

    public static DefaultValue str(String value) {
        return new DefaultValue.StringValue(value, Optional.empty());
    }

    public static DefaultValue num(String value) {
        return new DefaultValue.NumberValue(new BigDecimal(value), Optional.empty());
    }

    public static DefaultValue bool(boolean value) {
        return new DefaultValue.BooleanValue(value, Optional.empty());
    }

    public static DefaultValue enumValue(String value) {
        return new DefaultValue.EnumValue(value, Optional.empty());
    }

    /** A model with a single-field id, the given uniques (field names) and indexes (lists of field names). */
    public static Model model(
            String name, String id, List<ScalarField> fields, List<String> uniques, List<List<String>> indexes) {
        List<Field> all = new ArrayList<>(fields);
        return new Model(
                name,
                name,
                Optional.empty(),
                false,
                false,
                Optional.empty(),
                all,
                Optional.of(new PrimaryKey(List.of(IndexField.of(id)), Optional.empty(), Optional.empty())),
                uniques.stream()
                        .map(u -> new UniqueConstraint(
                                List.of(IndexField.of(u)), Optional.empty(), Optional.empty(), true, Optional.empty()))
                        .toList(),
                indexes.stream()
                        .map(i -> new Index(
                                i.stream().map(IndexField::of).toList(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                false,
                                Optional.empty()))
                        .toList());
    }

    public static Model renamedTable(Model m, String dbName) {
        return new Model(
                m.name(),
                dbName,
                m.dbSchema(),
                m.view(),
                m.ignored(),
                m.documentation(),
                m.fields(),
                m.primaryKey(),
                m.uniques(),
                m.indexes());
    }

    public static Relation oneToMany(
            String from, String fromField, List<String> scalars, String to, String toField, List<String> references) {
        return new Relation(
                from + "To" + to,
                Relation.Kind.ONE_TO_MANY,
                from,
                Optional.of(fromField),
                scalars,
                to,
                Optional.of(toField),
                references,
                ReferentialAction.RESTRICT,
                ReferentialAction.CASCADE,
                Optional.empty());
    }

    public static Relation manyToMany(String a, String aField, String aId, String b, String bField, String bId) {
        return new Relation(
                a + "To" + b,
                Relation.Kind.MANY_TO_MANY,
                a,
                Optional.of(aField),
                List.of(aId),
                b,
                Optional.of(bField),
                List.of(bId),
                ReferentialAction.CASCADE,
                ReferentialAction.CASCADE,
                Optional.empty());
    }

    public static EnumType enumType(String name, String... values) {
        return new EnumType(
                name,
                name,
                Optional.empty(),
                Arrays.stream(values)
                        .map(v -> new EnumType.EnumValue(v, v, Optional.empty()))
                        .toList(),
                Optional.empty());
    }

    public static Schema schema(List<Model> models, List<EnumType> enums, List<Relation> relations) {
        return new Schema(Optional.empty(), List.of(), models, enums, List.of(), relations);
    }

    /** Prisma's blog (src/main/resources/schema.prisma), as the parser resolves it. */
    public static Schema blog() {
        Model user = model(
                "User",
                "id",
                List.of(
                        withDefault(field("id", ScalarType.STRING, Arity.REQUIRED), fn("cuid")),
                        field("email", ScalarType.STRING, Arity.REQUIRED),
                        field("name", ScalarType.STRING, Arity.OPTIONAL),
                        withDefault(field("active", ScalarType.BOOLEAN, Arity.REQUIRED), bool(true)),
                        withDefault(field("createdAt", ScalarType.DATETIME, Arity.REQUIRED), fn("now")),
                        field("updatedAt", ScalarType.DATETIME, Arity.REQUIRED)),
                List.of("email"),
                List.of());
        Model post = model(
                "Post",
                "id",
                List.of(
                        withDefault(field("id", ScalarType.STRING, Arity.REQUIRED), fn("cuid")),
                        field("title", ScalarType.STRING, Arity.REQUIRED),
                        field("body", ScalarType.STRING, Arity.REQUIRED),
                        withDefault(field("published", ScalarType.BOOLEAN, Arity.REQUIRED), bool(false)),
                        field("authorId", ScalarType.STRING, Arity.REQUIRED),
                        withDefault(field("createdAt", ScalarType.DATETIME, Arity.REQUIRED), fn("now"))),
                List.of(),
                List.of(List.of("authorId")));
        return schema(
                List.of(user, post),
                List.of(),
                List.of(oneToMany("Post", "author", List.of("authorId"), "User", "posts", List.of("id"))));
    }
}
