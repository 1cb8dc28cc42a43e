package dev.quarry.database;

import dev.quarry.database.DbIndex.IndexColumn;
import dev.quarry.database.DbIndex.IndexMethod;
import dev.quarry.database.DbIndex.SortOrder;
import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.ConstraintNames;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.RawSql;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.model.UniqueConstraint;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The database a schema asks for, as Prisma Migrate would create it: Prisma's column types
 * ({@code String} → {@code TEXT}, {@code DateTime} → {@code TIMESTAMP(3)}, {@code @db.*}
 * overrides), defaults, enums, implicit many-to-many join tables and constraint names.
 * Views, composite types and client-generated defaults ({@code cuid()}, {@code uuid()}) leave no
 * trace in the database. Access policies become row-level security ({@link PolicyCompiler}).
 */
public final class ShapeCalculator {

    private final Schema schema;
    private final String defaultSchema;

    private ShapeCalculator(Schema schema, String defaultSchema) {
        this.schema = schema;
        this.defaultSchema = defaultSchema;
    }

    /** The shape of {@code schema} in a database whose default schema (search path) is {@code defaultSchema}. */
    public static DatabaseShape calculate(Schema schema, String defaultSchema) {
        return new ShapeCalculator(schema, defaultSchema).calculate();
    }

    private DatabaseShape calculate() {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(defaultSchema);
        schema.datasource().ifPresent(ds -> namespaces.addAll(ds.schemas()));
        List<DbEnum> enums = new ArrayList<>();
        for (EnumType enumType : schema.enums()) {
            String enumSchema = enumType.dbSchema().orElse(defaultSchema);
            namespaces.add(enumSchema);
            enums.add(new DbEnum(
                    enumSchema,
                    enumType.dbName(),
                    enumType.values().stream().map(EnumType.EnumValue::dbName).toList()));
        }
        List<DbTable> tables = new ArrayList<>();
        Map<String, DbTable> modelTables = new HashMap<>();
        for (Model model : schema.models()) {
            if (!model.view()) {
                DbTable table = table(model);
                tables.add(table);
                modelTables.put(model.name(), table);
                namespaces.add(schemaOf(model));
            }
        }
        PolicyCompiler policies = new PolicyCompiler(schema, model -> modelTables.get(model.name()), defaultSchema);
        CheckCompiler checks = new CheckCompiler(policies);
        for (Model model : schema.models()) {
            if (!model.view() && !model.rules().isEmpty()) {
                DbTable table = modelTables.get(model.name());
                DbTable checked = new DbTable(
                        table.schema(),
                        table.name(),
                        table.columns(),
                        table.primaryKey(),
                        table.indexes(),
                        table.foreignKeys(),
                        checks.compile(model));
                tables.set(tables.indexOf(table), checked);
                modelTables.put(model.name(), checked);
            }
        }
        List<DbTableSecurity> security = new ArrayList<>(schema.models().stream()
                .filter(model -> !model.view() && model.hasPolicies())
                .map(policies::compile)
                .toList());
        for (Relation relation : schema.relations()) {
            if (relation.kind() == Relation.Kind.MANY_TO_MANY) {
                DbTable joinTable = joinTable(relation);
                tables.add(joinTable);
                if (schema.model(relation.referencingModel()).hasPolicies()
                        || schema.model(relation.referencedModel()).hasPolicies()) {
                    security.add(policies.compileJoinTable(relation, joinTable));
                }
            }
        }
        List<DbExtension> extensions = schema.datasource().map(Extensions::of).orElse(List.of());
        return new DatabaseShape(List.copyOf(namespaces), extensions, enums, tables, List.of(), List.of(), security);
    }

    private String schemaOf(Model model) {
        return model.dbSchema().orElse(defaultSchema);
    }

    private DbTable table(Model model) {
        List<DbColumn> columns = new ArrayList<>();
        for (ScalarField field : model.scalarFields()) {
            if (!(field.type() instanceof FieldType.CompositeRef)) {
                columns.add(column(field));
            }
        }
        String table = model.dbName();
        Optional<DbPrimaryKey> primaryKey = model.primaryKey()
                .map(pk -> new DbPrimaryKey(
                        pk.map().orElse(ConstraintNames.primaryKey(table)), columnNames(model, pk.fieldNames())));
        List<DbIndex> indexes = new ArrayList<>();
        for (UniqueConstraint unique : model.uniques()) {
            List<String> cols = columnNames(model, unique.fieldNames());
            indexes.add(new DbIndex(
                    unique.map().orElse(ConstraintNames.unique(table, cols)),
                    true,
                    IndexMethod.BTREE,
                    indexColumns(model, unique.fields()),
                    unique.where().map(RawSql::writtenInSchema)));
        }
        for (Index index : model.indexes()) {
            if (index.fulltext()) {
                continue;
            }
            List<String> cols = columnNames(model, index.fieldNames());
            String name = index.map().or(index::name).orElse(ConstraintNames.index(table, cols));
            indexes.add(new DbIndex(
                    name,
                    false,
                    index.type().map(IndexMethod::fromPrisma).orElse(IndexMethod.BTREE),
                    indexColumns(model, index.fields()),
                    index.where().map(RawSql::writtenInSchema)));
        }
        return new DbTable(schemaOf(model), table, columns, primaryKey, indexes, foreignKeys(model));
    }

    private List<DbForeignKey> foreignKeys(Model model) {
        List<DbForeignKey> keys = new ArrayList<>();
        if (relationModePrisma()) {
            return keys;
        }
        for (Relation relation : schema.relations()) {
            if (relation.kind() == Relation.Kind.MANY_TO_MANY
                    || !relation.referencingModel().equals(model.name())) {
                continue;
            }
            boolean ignoredField = relation.referencingField()
                    .flatMap(model::findRelationField)
                    .map(f -> f.ignored())
                    .orElse(false);
            Model referenced = schema.model(relation.referencedModel());
            if (ignoredField
                    || referenced.view()
                    || relation.referencingScalars().isEmpty()) {
                continue;
            }
            List<String> columns = columnNames(model, relation.referencingScalars());
            keys.add(new DbForeignKey(
                    relation.foreignKeyName().orElse(ConstraintNames.foreignKey(model.dbName(), columns)),
                    columns,
                    schemaOf(referenced),
                    referenced.dbName(),
                    columnNames(referenced, relation.referencedScalars()),
                    relation.onDelete(),
                    relation.onUpdate()));
        }
        return keys;
    }

    private boolean relationModePrisma() {
        return schema.datasource()
                .map(ds -> {
                    ConfigValue mode = ds.properties()
                            .getOrDefault("relationMode", ds.properties().get("referentialIntegrity"));
                    return mode instanceof ConfigValue.Text text && text.value().equals("prisma");
                })
                .orElse(false);
    }

    /** {@code _AToB(A, B)}: A points to the first model, B to the second, both cascade. */
    private DbTable joinTable(Relation relation) {
        Model a = schema.model(relation.referencingModel());
        Model b = schema.model(relation.referencedModel());
        String name = relation.joinTableName();
        ScalarField aId = a.scalarField(relation.referencingScalars().get(0));
        ScalarField bId = b.scalarField(relation.referencedScalars().get(0));
        List<DbColumn> columns = List.of(
                new DbColumn("A", baseType(aId), false, Optional.empty(), false),
                new DbColumn("B", baseType(bId), false, Optional.empty(), false));
        List<DbIndex> indexes =
                List.of(new DbIndex(name + "_B_index", false, IndexMethod.BTREE, List.of(IndexColumn.of("B"))));
        List<DbForeignKey> keys = relationModePrisma()
                ? List.of()
                : List.of(
                        new DbForeignKey(
                                name + "_A_fkey",
                                List.of("A"),
                                schemaOf(a),
                                a.dbName(),
                                List.of(aId.dbName()),
                                ReferentialAction.CASCADE,
                                ReferentialAction.CASCADE),
                        new DbForeignKey(
                                name + "_B_fkey",
                                List.of("B"),
                                schemaOf(b),
                                b.dbName(),
                                List.of(bId.dbName()),
                                ReferentialAction.CASCADE,
                                ReferentialAction.CASCADE));
        return new DbTable(
                schemaOf(a),
                name,
                columns,
                Optional.of(new DbPrimaryKey(name + "_AB_pkey", List.of("A", "B"))),
                indexes,
                keys);
    }

    private static List<String> columnNames(Model model, List<String> fieldNames) {
        return fieldNames.stream()
                .map(f -> model.findScalarField(f).map(ScalarField::dbName).orElse(f))
                .toList();
    }

    private static List<IndexColumn> indexColumns(Model model, List<IndexField> fields) {
        return fields.stream()
                .map(f -> new IndexColumn(
                        model.findScalarField(f.name()).map(ScalarField::dbName).orElse(f.name()),
                        f.sort()
                                .filter(s -> s == IndexField.SortOrder.DESC)
                                .map(s -> SortOrder.DESC)
                                .orElse(SortOrder.ASC),
                        f.ops()
                                .map(OperatorClasses::fromPrisma)
                                .filter(o -> !OperatorClasses.isDefault(o))
                                .map(RawSql::writtenInSchema)))
                .toList();
    }

    private DbColumn column(ScalarField field) {
        ColumnType type = type(field);
        boolean autoincrement = isFunction(field, "autoincrement");
        Optional<ColumnDefault> defaultValue = field.defaultValue().flatMap(d -> columnDefault(d, field));
        return new DbColumn(field.dbName(), type, !field.isRequired(), defaultValue, autoincrement);
    }

    private static boolean isFunction(ScalarField field, String name) {
        return field.defaultValue()
                .filter(d -> d instanceof DefaultValue.Function f && f.name().equals(name))
                .isPresent();
    }

    private ColumnType type(ScalarField field) {
        ColumnType base = baseType(field);
        return field.isList()
                ? new ColumnType(base.family(), base.schema(), base.name(), base.arguments(), true)
                : base;
    }

    /** The column type without list brackets. */
    private ColumnType baseType(ScalarField field) {
        FieldType type = field.type();
        if (type instanceof FieldType.EnumRef ref) {
            EnumType enumType = schema.findEnum(ref.enumName()).orElseThrow();
            return ColumnType.enumType(enumType.dbSchema().orElse(defaultSchema), enumType.dbName(), false);
        }
        if (type instanceof FieldType.Unsupported unsupported) {
            return ColumnType.unsupported(unsupported.databaseType(), false);
        }
        ScalarType scalar = (ScalarType) type;
        if (field.nativeType().isPresent()) {
            return nativeType(field.nativeType().get());
        }
        return switch (scalar) {
            case STRING -> ColumnType.builtin("TEXT", List.of(), false);
            case BOOLEAN -> ColumnType.builtin("BOOLEAN", List.of(), false);
            case INT -> ColumnType.builtin("INTEGER", List.of(), false);
            case BIGINT -> ColumnType.builtin("BIGINT", List.of(), false);
            case FLOAT -> ColumnType.builtin("DOUBLE PRECISION", List.of(), false);
            case DECIMAL -> ColumnType.builtin("DECIMAL", List.of(65, 30), false);
            case DATETIME -> ColumnType.builtin("TIMESTAMP", List.of(3), false);
            case JSON -> ColumnType.builtin("JSONB", List.of(), false);
            case BYTES -> ColumnType.builtin("BYTEA", List.of(), false);
        };
    }

    /** {@code @db.VarChar(255)} → {@code VARCHAR(255)}. */
    static ColumnType nativeType(NativeType nativeType) {
        List<Integer> args = nativeType.arguments().stream()
                .map(a -> Integer.parseInt(a.trim()))
                .toList();
        String name = switch (nativeType.name()) {
            case "VarChar" -> "VARCHAR";
            case "Char" -> "CHAR";
            case "Text" -> "TEXT";
            case "Uuid" -> "UUID";
            case "Xml" -> "XML";
            case "Inet" -> "INET";
            case "Citext" -> "CITEXT";
            case "Bit" -> "BIT";
            case "VarBit" -> "VARBIT";
            case "Boolean" -> "BOOLEAN";
            case "SmallInt" -> "SMALLINT";
            case "Integer" -> "INTEGER";
            case "Oid" -> "OID";
            case "BigInt" -> "BIGINT";
            case "DoublePrecision" -> "DOUBLE PRECISION";
            case "Real" -> "REAL";
            case "Decimal" -> "DECIMAL";
            case "Money" -> "MONEY";
            case "Timestamp" -> "TIMESTAMP";
            case "Timestamptz" -> "TIMESTAMPTZ";
            case "Date" -> "DATE";
            case "Time" -> "TIME";
            case "Timetz" -> "TIMETZ";
            case "Json" -> "JSON";
            case "JsonB" -> "JSONB";
            case "ByteA" -> "BYTEA";
            default -> nativeType.name().toUpperCase();
        };
        if (args.isEmpty() && (name.equals("CHAR") || name.equals("BIT"))) {
            args = List.of(1);
        }
        return ColumnType.builtin(name, args, false);
    }

    private Optional<ColumnDefault> columnDefault(DefaultValue value, ScalarField field) {
        if (value instanceof DefaultValue.Function function) {
            return switch (function.name()) {
                case "autoincrement" -> Optional.of(new ColumnDefault.Sequence(""));
                case "now" -> Optional.of(new ColumnDefault.Now());
                case "dbgenerated" ->
                    function.arguments().isEmpty()
                            ? Optional.empty()
                            : Optional.of(new ColumnDefault.Expression(RawSql.writtenInSchema(
                                    String.valueOf(function.arguments().get(0)))));
                default -> Optional.empty();
            };
        }
        if (value instanceof DefaultValue.ListValue list) {
            return Optional.of(new ColumnDefault.ListValue(
                    list.values().stream().map(v -> constant(v, field)).toList()));
        }
        return Optional.of(new ColumnDefault.Value(constant(value, field)));
    }

    private String constant(DefaultValue value, ScalarField field) {
        if (value instanceof DefaultValue.StringValue string) {
            return field.type() == ScalarType.DATETIME ? DateTimes.prismaLiteral(string.value()) : string.value();
        }
        if (value instanceof DefaultValue.NumberValue number) {
            return plain(number.value());
        }
        if (value instanceof DefaultValue.BooleanValue bool) {
            return String.valueOf(bool.value());
        }
        if (value instanceof DefaultValue.EnumValue enumValue) {
            FieldType.EnumRef ref = (FieldType.EnumRef) field.type();
            return schema.findEnum(ref.enumName())
                    .flatMap(e -> e.values().stream()
                            .filter(v -> v.name().equals(enumValue.value()))
                            .findFirst())
                    .map(EnumType.EnumValue::dbName)
                    .orElse(enumValue.value());
        }
        return String.valueOf(value);
    }

    private static String plain(BigDecimal number) {
        return number.toPlainString();
    }
}
