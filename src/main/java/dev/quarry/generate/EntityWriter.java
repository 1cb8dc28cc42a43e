package dev.quarry.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.quarry.schema.model.ConstraintNames;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * A model as a Hibernate Reactive entity. The mapping is the one Prisma's migrations create:
 * table, columns, types, keys and constraint names.
 *
 * <p>Each foreign key has two handles, as in Prisma: the scalar fields ({@code authorId}), which
 * Hibernate writes, and the relation ({@code author}), mapped read-only on the same columns; its
 * setter copies the referenced key into the scalars. Relations are lazy. Client-side defaults
 * ({@code cuid()}, {@code now()}, …) and {@code @updatedAt} are applied in {@code @PrePersist} and
 * {@code @PreUpdate}, with the generators the API uses. A field's data rules are Bean Validation annotations
 * ({@link RuleAnnotations}), which Hibernate Validator checks before Hibernate writes.
 */
final class EntityWriter {

    private static final String JPA = "jakarta.persistence";
    private static final ClassName ENTITY = ClassName.get(JPA, "Entity");
    private static final ClassName TABLE = ClassName.get(JPA, "Table");
    private static final ClassName COLUMN = ClassName.get(JPA, "Column");
    private static final ClassName ID = ClassName.get(JPA, "Id");
    private static final ClassName ID_CLASS = ClassName.get(JPA, "IdClass");
    private static final ClassName INDEX = ClassName.get(JPA, "Index");
    private static final ClassName UNIQUE_CONSTRAINT = ClassName.get(JPA, "UniqueConstraint");
    private static final ClassName JOIN_COLUMN = ClassName.get(JPA, "JoinColumn");
    private static final ClassName JOIN_COLUMNS = ClassName.get(JPA, "JoinColumns");
    private static final ClassName JOIN_TABLE = ClassName.get(JPA, "JoinTable");
    private static final ClassName FOREIGN_KEY = ClassName.get(JPA, "ForeignKey");
    private static final ClassName MANY_TO_ONE = ClassName.get(JPA, "ManyToOne");
    private static final ClassName ONE_TO_ONE = ClassName.get(JPA, "OneToOne");
    private static final ClassName ONE_TO_MANY = ClassName.get(JPA, "OneToMany");
    private static final ClassName MANY_TO_MANY = ClassName.get(JPA, "ManyToMany");
    private static final ClassName FETCH_TYPE = ClassName.get(JPA, "FetchType");
    private static final ClassName CONVERT = ClassName.get(JPA, "Convert");
    private static final ClassName GENERATED_VALUE = ClassName.get(JPA, "GeneratedValue");
    private static final ClassName GENERATION_TYPE = ClassName.get(JPA, "GenerationType");
    private static final ClassName DB_GENERATED = ClassName.get("org.hibernate.annotations", "Generated");
    private static final ClassName IMMUTABLE = ClassName.get("org.hibernate.annotations", "Immutable");
    private static final ClassName COLUMN_TRANSFORMER = ClassName.get("org.hibernate.annotations", "ColumnTransformer");
    private static final ClassName LIST = ClassName.get(List.class);
    private static final ClassName ARRAY_LIST = ClassName.get(ArrayList.class);

    private final Schema schema;
    private final JavaNames names;
    private final ClientDefaults clientDefaults;

    EntityWriter(Schema schema, JavaNames names) {
        this.schema = schema;
        this.names = names;
        this.clientDefaults = new ClientDefaults(names);
    }

    /** The model's identity for Hibernate: its {@code @id}, else its first unique criterion of required fields. */
    static Optional<List<String>> identity(Model model) {
        if (model.primaryKey().isPresent()) {
            return Optional.of(model.primaryKey().get().fieldNames());
        }
        return model.uniques().stream()
                .filter(unique -> unique.where().isEmpty())
                .map(UniqueConstraint::fieldNames)
                .filter(fields -> fields.stream()
                        .allMatch(f -> model.findScalarField(f)
                                .map(ScalarField::isRequired)
                                .orElse(false)))
                .findFirst();
    }

    TypeSpec write(Model model) {
        ClassName self = names.model(model.name());
        List<String> idFields = identity(model).orElseThrow();
        List<ScalarField> scalars = mappedScalars(model);
        List<RelationField> relations = mappedRelations(model);

        TypeSpec.Builder type = TypeSpec.classBuilder(self)
                .addModifiers(Modifier.PUBLIC)
                .alwaysQualify(names.clashingTypeNames())
                .addAnnotation(JavaEntityGenerator.generatedAnnotation())
                .addAnnotation(ENTITY)
                .addAnnotation(table(model));
        type.addJavadoc(
                "The {@code $L} $L, table {@code $L}.\n",
                EnumWriter.javadocText(model.name()),
                model.view() ? "view" : "model",
                EnumWriter.javadocText(model.dbName()));
        model.documentation().ifPresent(doc -> type.addJavadoc("\n<p>$L\n", EnumWriter.javadocText(doc)));
        if (model.view()) {
            type.addAnnotation(IMMUTABLE);
        }
        if (idFields.size() > 1) {
            type.addAnnotation(AnnotationSpec.builder(ID_CLASS)
                    .addMember("value", "$T.class", self.nestedClass(names.keyClass))
                    .build());
        }
        type.addField(FieldSpec.builder(String.class, "TABLE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addJavadoc("The table's name in the database.\n")
                .initializer("$S", model.dbName())
                .build());
        type.addType(fieldNames(model, scalars, relations));
        type.addType(columnNames(scalars));
        if (idFields.size() > 1) {
            type.addType(new KeyWriter(names).write(model, idFields));
        }
        for (ScalarField field : scalars) {
            type.addField(scalarField(model, field, idFields));
        }
        for (RelationField field : relations) {
            type.addField(relationField(model, field));
        }
        clientDefaults.prePersist(model, scalars, relations(model, relations)).ifPresent(type::addMethod);
        clientDefaults.preUpdate(scalars).ifPresent(type::addMethod);
        for (ScalarField field : scalars) {
            addAccessors(
                    type,
                    JavaNames.identifier(field.name()),
                    JavaTypes.of(names, field),
                    field.documentation(),
                    CodeBlock.of(""));
        }
        for (RelationField field : relations) {
            addAccessors(
                    type,
                    JavaNames.identifier(field.name()),
                    relationType(field),
                    field.documentation(),
                    syncForeignKey(model, field));
        }
        return type.build();
    }

    static List<ScalarField> mappedScalars(Model model) {
        return model.scalarFields().stream()
                .filter(f -> !f.ignored() && JavaTypes.isMappable(f))
                .toList();
    }

    private List<RelationField> mappedRelations(Model model) {
        return model.relationFields().stream()
                .filter(f -> !f.ignored())
                .filter(f -> schema.findModel(f.relatedModel())
                        .map(JavaEntityGenerator::isGenerated)
                        .orElse(false))
                .toList();
    }

    private List<Relation> relations(Model model, List<RelationField> fields) {
        return fields.stream().map(f -> schema.relationOf(model, f)).toList();
    }

    private AnnotationSpec table(Model model) {
        AnnotationSpec.Builder table = AnnotationSpec.builder(TABLE).addMember("name", "$S", model.dbName());
        model.dbSchema().ifPresent(dbSchema -> table.addMember("schema", "$S", dbSchema));
        // JPA's @UniqueConstraint has no predicate: a partial unique index is left to the database.
        for (UniqueConstraint unique :
                model.uniques().stream().filter(u -> u.where().isEmpty()).toList()) {
            List<String> columns = columns(model, unique.fieldNames());
            String name = unique.map().orElse(ConstraintNames.unique(model.dbName(), columns));
            table.addMember(
                    "uniqueConstraints",
                    "$L",
                    AnnotationSpec.builder(UNIQUE_CONSTRAINT)
                            .addMember("name", "$S", name)
                            .addMember("columnNames", "$L", stringArray(columns))
                            .build());
        }
        for (Index index : model.indexes()) {
            List<String> columns = columns(model, index.fieldNames());
            String name = index.map().or(index::name).orElse(ConstraintNames.index(model.dbName(), columns));
            table.addMember(
                    "indexes",
                    "$L",
                    AnnotationSpec.builder(INDEX)
                            .addMember("name", "$S", name)
                            .addMember("columnList", "$S", String.join(", ", indexColumnList(model, index)))
                            .build());
        }
        return table.build();
    }

    private static List<String> indexColumnList(Model model, Index index) {
        List<String> columns = new ArrayList<>();
        for (IndexField field : index.fields()) {
            String column =
                    model.findScalarField(field.name()).map(ScalarField::dbName).orElse(field.name());
            columns.add(
                    field.sort().filter(s -> s == IndexField.SortOrder.DESC).isPresent() ? column + " desc" : column);
        }
        return columns;
    }

    private TypeSpec fieldNames(Model model, List<ScalarField> scalars, List<RelationField> relations) {
        List<String> javaNames = new ArrayList<>();
        scalars.forEach(f -> javaNames.add(JavaNames.identifier(f.name())));
        relations.forEach(f -> javaNames.add(JavaNames.identifier(f.name())));
        List<String> constants = JavaNames.constants(javaNames);
        TypeSpec.Builder fields = TypeSpec.classBuilder(names.fieldsClass)
                .addJavadoc(
                        "The entity's attribute names, for queries the compiler checks: {@code "
                                + "root.get($T.$L.$L)}.\n",
                        names.model(model.name()),
                        names.fieldsClass,
                        constants.isEmpty() ? "" : constants.get(0))
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build());
        for (int i = 0; i < javaNames.size(); i++) {
            fields.addField(
                    FieldSpec.builder(String.class, constants.get(i), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                            .initializer("$S", javaNames.get(i))
                            .build());
        }
        return fields.build();
    }

    private TypeSpec columnNames(List<ScalarField> scalars) {
        List<String> constants = JavaNames.constants(
                scalars.stream().map(f -> JavaNames.identifier(f.name())).toList());
        TypeSpec.Builder columns = TypeSpec.classBuilder(names.columnsClass)
                .addJavadoc("The column names in the database, for native SQL.\n")
                .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                .addMethod(MethodSpec.constructorBuilder()
                        .addModifiers(Modifier.PRIVATE)
                        .build());
        for (int i = 0; i < scalars.size(); i++) {
            columns.addField(
                    FieldSpec.builder(String.class, constants.get(i), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                            .initializer("$S", scalars.get(i).dbName())
                            .build());
        }
        return columns.build();
    }

    private FieldSpec scalarField(Model model, ScalarField field, List<String> idFields) {
        FieldSpec.Builder spec =
                FieldSpec.builder(JavaTypes.of(names, field), JavaNames.identifier(field.name()), Modifier.PRIVATE);
        boolean id = idFields.contains(field.name());
        boolean databaseGenerated = ClientDefaults.isDatabaseGenerated(field);
        if (id) {
            spec.addAnnotation(ID);
            if (databaseGenerated && idFields.size() == 1) {
                spec.addAnnotation(AnnotationSpec.builder(GENERATED_VALUE)
                        .addMember("strategy", "$T.IDENTITY", GENERATION_TYPE)
                        .build());
            }
        } else if (databaseGenerated) {
            spec.addAnnotation(DB_GENERATED);
        }
        AnnotationSpec.Builder column = AnnotationSpec.builder(COLUMN).addMember("name", "$S", field.dbName());
        if (field.isRequired()) {
            column.addMember("nullable", "false");
        }
        column.addMember("columnDefinition", "$S", ColumnTypes.of(schema, field));
        spec.addAnnotation(column.build());
        model.fieldRules(field.name()).forEach(rule -> spec.addAnnotation(RuleAnnotations.of(rule)));
        if (field.type() == ScalarType.JSON) {
            // Hibernate Reactive binds JSON as a Vert.x JsonObject, which cannot hold a top-level array,
            // string or number: the JSON text travels as text and PostgreSQL parses it.
            String quotedColumn = Identifiers.quote(field.dbName());
            String sqlType = ColumnTypes.of(schema, field);
            spec.addAnnotation(AnnotationSpec.builder(COLUMN_TRANSFORMER)
                    .addMember("read", "$S", quotedColumn + "::text" + (field.isList() ? "[]" : ""))
                    .addMember("write", "$S", "?::text" + (field.isList() ? "[]" : "") + "::" + sqlType)
                    .build());
        } else if (field.type() instanceof FieldType.EnumRef enumRef) {
            ClassName enumClass = names.enumType(enumRef.enumName());
            String converter = field.isList() ? names.arrayConverterClass : names.converterClass;
            spec.addAnnotation(AnnotationSpec.builder(CONVERT)
                    .addMember("converter", "$T.class", enumClass.nestedClass(converter))
                    .build());
        }
        Set<String> fieldNames =
                model.fields().stream().map(f -> JavaNames.identifier(f.name())).collect(Collectors.toSet());
        clientDefaults.initializer(field, fieldNames).ifPresent(spec::initializer);
        field.documentation().ifPresent(doc -> spec.addJavadoc("$L\n", EnumWriter.javadocText(doc)));
        return spec.build();
    }

    private FieldSpec relationField(Model model, RelationField field) {
        Relation relation = schema.relationOf(model, field);
        FieldSpec.Builder spec =
                FieldSpec.builder(relationType(field), JavaNames.identifier(field.name()), Modifier.PRIVATE);
        Model related = schema.model(field.relatedModel());
        boolean owning = isReferencingSide(model, field, relation);
        String mappedBy =
                owning ? null : JavaNames.identifier(relation.referencingField().orElseThrow());
        switch (relation.kind()) {
            case MANY_TO_MANY -> {
                AnnotationSpec.Builder manyToMany = AnnotationSpec.builder(MANY_TO_MANY);
                if (owning) {
                    spec.addAnnotation(manyToMany.build());
                    spec.addAnnotation(joinTable(model, related, relation));
                } else {
                    spec.addAnnotation(
                            manyToMany.addMember("mappedBy", "$S", mappedBy).build());
                }
                spec.initializer("new $T<>()", ARRAY_LIST);
            }
            case ONE_TO_MANY -> {
                if (owning) {
                    spec.addAnnotation(AnnotationSpec.builder(MANY_TO_ONE)
                            .addMember("fetch", "$T.LAZY", FETCH_TYPE)
                            .addMember("optional", "$L", !field.isRequired())
                            .build());
                    spec.addAnnotation(joinColumns(model, related, relation));
                } else {
                    spec.addAnnotation(AnnotationSpec.builder(ONE_TO_MANY)
                            .addMember("mappedBy", "$S", mappedBy)
                            .build());
                    spec.initializer("new $T<>()", ARRAY_LIST);
                }
            }
            case ONE_TO_ONE -> {
                AnnotationSpec.Builder oneToOne =
                        AnnotationSpec.builder(ONE_TO_ONE).addMember("fetch", "$T.LAZY", FETCH_TYPE);
                if (owning) {
                    spec.addAnnotation(oneToOne.addMember("optional", "$L", !field.isRequired())
                            .build());
                    spec.addAnnotation(joinColumns(model, related, relation));
                } else {
                    spec.addAnnotation(
                            oneToOne.addMember("mappedBy", "$S", mappedBy).build());
                }
            }
        }
        field.documentation().ifPresent(doc -> spec.addJavadoc("$L\n", EnumWriter.javadocText(doc)));
        return spec.build();
    }

    /** The side that holds the foreign key; for many-to-many, the side whose rows are column {@code A}. */
    static boolean isReferencingSide(Model model, RelationField field, Relation relation) {
        return relation.referencingModel().equals(model.name())
                && relation.referencingField().filter(field.name()::equals).isPresent()
                && (relation.kind() == Relation.Kind.MANY_TO_MANY
                        || !field.fields().isEmpty());
    }

    private AnnotationSpec joinColumns(Model model, Model related, Relation relation) {
        List<String> columns = columns(model, relation.referencingScalars());
        List<String> referencedColumns = columns(related, relation.referencedScalars());
        String foreignKey = relation.foreignKeyName().orElse(ConstraintNames.foreignKey(model.dbName(), columns));
        AnnotationSpec foreignKeyName = AnnotationSpec.builder(FOREIGN_KEY)
                .addMember("name", "$S", foreignKey)
                .build();
        List<AnnotationSpec> joins = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            AnnotationSpec.Builder join = AnnotationSpec.builder(JOIN_COLUMN)
                    .addMember("name", "$S", columns.get(i))
                    .addMember("referencedColumnName", "$S", referencedColumns.get(i))
                    .addMember("insertable", "false")
                    .addMember("updatable", "false");
            if (columns.size() == 1) {
                join.addMember("foreignKey", "$L", foreignKeyName);
            }
            joins.add(join.build());
        }
        if (joins.size() == 1) {
            return joins.get(0);
        }
        AnnotationSpec.Builder multiple = AnnotationSpec.builder(JOIN_COLUMNS);
        joins.forEach(join -> multiple.addMember("value", "$L", join));
        return multiple.addMember("foreignKey", "$L", foreignKeyName).build();
    }

    /**
     * Prisma's implicit join table {@code _Name}: column {@code A} for this side's id, {@code B} for the other's.
     */
    private AnnotationSpec joinTable(Model model, Model related, Relation relation) {
        String table = relation.joinTableName();
        AnnotationSpec.Builder joinTable = AnnotationSpec.builder(JOIN_TABLE).addMember("name", "$S", table);
        model.dbSchema().ifPresent(dbSchema -> joinTable.addMember("schema", "$S", dbSchema));
        joinTable.addMember("joinColumns", "$L", joinTableColumn(table, "A", model, relation.referencingScalars()));
        joinTable.addMember(
                "inverseJoinColumns", "$L", joinTableColumn(table, "B", related, relation.referencedScalars()));
        return joinTable.build();
    }

    private AnnotationSpec joinTableColumn(String table, String column, Model target, List<String> targetScalars) {
        List<String> targetColumns = targetScalars.isEmpty()
                ? columns(target, identity(target).orElseThrow())
                : columns(target, targetScalars);
        return AnnotationSpec.builder(JOIN_COLUMN)
                .addMember("name", "$S", column)
                .addMember("referencedColumnName", "$S", targetColumns.get(0))
                .addMember(
                        "foreignKey",
                        "$L",
                        AnnotationSpec.builder(FOREIGN_KEY)
                                .addMember("name", "$S", ConstraintNames.foreignKey(table, List.of(column)))
                                .build())
                .build();
    }

    private TypeName relationType(RelationField field) {
        ClassName related = names.model(field.relatedModel());
        return field.isList() ? ParameterizedTypeName.get(LIST, related) : related;
    }

    /** In the setter of a foreign-key relation: copy the referenced key into the scalar fields Hibernate writes. */
    private CodeBlock syncForeignKey(Model model, RelationField field) {
        Relation relation = schema.relationOf(model, field);
        if (relation.kind() == Relation.Kind.MANY_TO_MANY || !isReferencingSide(model, field, relation)) {
            return CodeBlock.of("");
        }
        return ClientDefaults.copyForeignKey(JavaNames.identifier(field.name()), relation);
    }

    private void addAccessors(
            TypeSpec.Builder type,
            String javaName,
            TypeName javaType,
            Optional<String> documentation,
            CodeBlock afterSet) {
        MethodSpec.Builder getter = MethodSpec.methodBuilder(JavaNames.getter(javaName))
                .addModifiers(Modifier.PUBLIC)
                .returns(javaType)
                .addStatement("return $N", javaName);
        documentation.ifPresent(doc -> getter.addJavadoc("$L\n", EnumWriter.javadocText(doc)));
        type.addMethod(getter.build());
        type.addMethod(MethodSpec.methodBuilder(JavaNames.setter(javaName))
                .addModifiers(Modifier.PUBLIC)
                .addParameter(javaType, javaName)
                .addStatement("this.$N = $N", javaName, javaName)
                .addCode(afterSet)
                .build());
    }

    private static List<String> columns(Model model, List<String> fieldNames) {
        return fieldNames.stream()
                .map(name ->
                        model.findScalarField(name).map(ScalarField::dbName).orElse(name))
                .toList();
    }

    private static String stringArray(List<String> values) {
        return values.size() == 1
                ? CodeBlock.of("$S", values.get(0)).toString()
                : "{"
                        + String.join(
                                ", ",
                                values.stream()
                                        .map(v -> CodeBlock.of("$S", v).toString())
                                        .toList()) + "}";
    }
}
