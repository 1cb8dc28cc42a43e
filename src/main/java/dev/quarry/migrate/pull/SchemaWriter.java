package dev.quarry.migrate.pull;

import dev.quarry.database.ColumnDefault;
import dev.quarry.database.ColumnType;
import dev.quarry.database.DatabaseShape;
import dev.quarry.database.DbCheck;
import dev.quarry.database.DbColumn;
import dev.quarry.database.DbEnum;
import dev.quarry.database.DbForeignKey;
import dev.quarry.database.DbIndex;
import dev.quarry.database.DbTable;
import dev.quarry.schema.model.ConstraintNames;
import dev.quarry.schema.model.ReferentialAction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code db pull}: a database's shape written as a Prisma schema, as Prisma's introspection writes
 * it. Models and fields are named after tables and columns ({@code @map}/{@code @@map} where a name
 * is not a valid identifier), a relation field on each side of every foreign key (named after the
 * other model, disambiguated as Prisma does), implicit many-to-many join tables become list fields,
 * types other than Prisma's defaults get {@code @db.*}, and names other than Prisma's get {@code map:}.
 */
public final class SchemaWriter {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern JOIN_TABLE = Pattern.compile("_(.+)");

    private final DatabaseShape shape;
    private final String defaultSchema;
    private final Map<String, List<String>> extraFields = new HashMap<>();
    private final Map<String, String> modelNames = new HashMap<>();

    private SchemaWriter(DatabaseShape shape, String defaultSchema) {
        this.shape = shape;
        this.defaultSchema = defaultSchema;
    }

    public static String write(DatabaseShape shape, String datasourceBlock, String defaultSchema) {
        return new SchemaWriter(shape, defaultSchema).write(datasourceBlock);
    }

    private String write(String datasourceBlock) {
        List<DbTable> joinTables =
                shape.tables().stream().filter(this::isJoinTable).toList();
        for (DbTable table : shape.tables()) {
            if (!joinTables.contains(table)) {
                modelNames.put(table.name(), identifier(table.name()));
            }
        }
        planRelations(joinTables);
        StringBuilder out = new StringBuilder(datasourceBlock.strip()).append("\n");
        if (shape.tables().stream()
                .flatMap(t -> t.indexes().stream())
                .anyMatch(i -> i.where().isPresent())) {
            out.append("\ngenerator client {\n  provider        = \"prisma-client\"\n  previewFeatures = "
                    + "[\"partialIndexes\"]\n}\n");
        }
        for (DbTable table : shape.tables()) {
            if (!joinTables.contains(table)) {
                out.append('\n').append(model(table));
            }
        }
        for (DbEnum enumType : shape.enums()) {
            out.append('\n').append(enumBlock(enumType));
        }
        return out.toString();
    }

    /** {@code _AToB(A, B)} with Prisma's key, index and cascading keys: an implicit many-to-many. */
    private boolean isJoinTable(DbTable table) {
        return JOIN_TABLE.matcher(table.name()).matches()
                && table.columns().size() == 2
                && table.columns().get(0).name().equals("A")
                && table.columns().get(1).name().equals("B")
                && table.foreignKeys().size() == 2
                && table.foreignKeys().stream()
                        .allMatch(k -> k.onDelete() == ReferentialAction.CASCADE
                                && k.referencedColumns().size() == 1)
                && table.primaryKey()
                        .map(pk -> pk.name().equals(table.name() + "_AB_pkey"))
                        .orElse(false);
    }

    private void planRelations(List<DbTable> joinTables) {
        Map<String, Integer> pairCounts = new HashMap<>();
        for (DbTable table : shape.tables()) {
            if (joinTables.contains(table)) {
                continue;
            }
            for (DbForeignKey key : table.foreignKeys()) {
                pairCounts.merge(pairKey(table.name(), key.referencedTable()), 1, Integer::sum);
            }
        }
        for (DbTable table : shape.tables()) {
            if (joinTables.contains(table)) {
                continue;
            }
            String model = modelNames.get(table.name());
            for (DbForeignKey key : table.foreignKeys()) {
                String target = modelNames.getOrDefault(key.referencedTable(), identifier(key.referencedTable()));
                boolean ambiguous = pairCounts.get(pairKey(table.name(), key.referencedTable())) > 1
                        || table.name().equals(key.referencedTable());
                String relationName = ambiguous ? model + "_" + String.join("_", key.columns()) + "To" + target : null;
                String forward = ambiguous
                        ? target + "_" + model + "_" + String.join("_", key.columns()) + "To" + target
                        : target;
                String back = table.name().equals(key.referencedTable())
                        ? "other_" + forward
                        : ambiguous
                                ? model + "_" + model + "_" + String.join("_", key.columns()) + "To" + target
                                : model;
                boolean oneToOne = isUnique(table, key.columns());
                boolean optional = key.columns().stream()
                        .anyMatch(
                                c -> table.findColumn(c).map(DbColumn::nullable).orElse(true));
                StringBuilder attributes = new StringBuilder("@relation(");
                if (relationName != null) {
                    attributes.append('"').append(relationName).append("\", ");
                }
                attributes
                        .append("fields: [")
                        .append(fieldList(key.columns()))
                        .append("], references: [")
                        .append(fieldList(key.referencedColumns()))
                        .append("]");
                if (!key.name().equals(ConstraintNames.foreignKey(table.name(), key.columns()))) {
                    attributes.append(", map: \"").append(key.name()).append('"');
                }
                // Prisma's default: a required column among the key's makes the relation required for it, whatever
                // the field's arity
                boolean anyRequired = key.columns().stream()
                        .anyMatch(c ->
                                table.findColumn(c).map(col -> !col.nullable()).orElse(false));
                ReferentialAction defaultDelete = anyRequired ? ReferentialAction.RESTRICT : ReferentialAction.SET_NULL;
                if (key.onDelete() != defaultDelete) {
                    attributes.append(", onDelete: ").append(key.onDelete().prismaName());
                }
                if (key.onUpdate() != ReferentialAction.CASCADE) {
                    attributes.append(", onUpdate: ").append(key.onUpdate().prismaName());
                }
                attributes.append(')');
                extraFields
                        .computeIfAbsent(table.name(), k -> new ArrayList<>())
                        .add(forward + " " + target + (optional ? "?" : "") + " " + attributes);
                String backRelation = relationName == null ? "" : " @relation(\"" + relationName + "\")";
                extraFields
                        .computeIfAbsent(key.referencedTable(), k -> new ArrayList<>())
                        .add(back + " " + model + (oneToOne ? "?" : "[]") + backRelation);
            }
        }
        for (DbTable join : joinTables) {
            String relation = join.name().substring(1);
            DbForeignKey a = join.findForeignKey(join.name() + "_A_fkey")
                    .orElse(join.foreignKeys().get(0));
            DbForeignKey b = join.findForeignKey(join.name() + "_B_fkey")
                    .orElse(join.foreignKeys().get(1));
            String modelA = modelNames.getOrDefault(a.referencedTable(), a.referencedTable());
            String modelB = modelNames.getOrDefault(b.referencedTable(), b.referencedTable());
            boolean defaultName = relation.equals(modelA + "To" + modelB);
            String attribute = defaultName ? "" : " @relation(\"" + relation + "\")";
            extraFields
                    .computeIfAbsent(a.referencedTable(), k -> new ArrayList<>())
                    .add((defaultName ? modelB : modelB + "_" + relation) + " " + modelB + "[]" + attribute);
            extraFields
                    .computeIfAbsent(b.referencedTable(), k -> new ArrayList<>())
                    .add((defaultName ? modelA : modelA + "_" + relation) + " " + modelA + "[]" + attribute);
        }
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    private static boolean isUnique(DbTable table, List<String> columns) {
        return table.primaryKey().map(pk -> pk.columns().equals(columns)).orElse(false)
                || table.indexes().stream()
                        .anyMatch(i -> i.unique() && i.columnNames().equals(columns));
    }

    private String model(DbTable table) {
        String name = modelNames.get(table.name());
        List<String[]> rows = new ArrayList<>();
        boolean singleKey =
                table.primaryKey().map(pk -> pk.columns().size() == 1).orElse(false);
        for (DbColumn column : table.columns()) {
            rows.add(
                    new String[] {fieldName(column.name()), fieldType(column), fieldAttributes(table, column, singleKey)
                    });
        }
        for (String extra : extraFields.getOrDefault(table.name(), List.of())) {
            String[] parts = extra.split(" ", 3);
            rows.add(new String[] {parts[0], parts[1], parts.length > 2 ? parts[2] : ""});
        }
        int nameWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int typeWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        Map<String, List<String>> fieldRules = new HashMap<>();
        List<String> modelRules = new ArrayList<>();
        for (DbCheck check : table.checks()) {
            Optional<String> column = ruleColumn(table, check);
            if (column.isPresent()) {
                fieldRules
                        .computeIfAbsent(fieldName(column.get()), c -> new ArrayList<>())
                        .add(check.source().orElseThrow());
            } else {
                modelRules.add(check.source()
                        .filter(r -> r.startsWith("@@"))
                        .orElse("@@check(expression: "
                                + quoted(check.expression().text()) + ", name: " + quoted(check.name()) + ")"));
            }
        }
        StringBuilder out = new StringBuilder(securityNote(table));
        modelRules.forEach(rule -> out.append("/// ").append(rule).append('\n'));
        out.append("model ").append(name).append(" {\n");
        for (String[] row : rows) {
            fieldRules
                    .getOrDefault(row[0], List.of())
                    .forEach(rule -> out.append("  /// ").append(rule).append('\n'));
            String line = "  " + pad(row[0], nameWidth) + " "
                    + (row[2].isEmpty() ? row[1] : pad(row[1], typeWidth) + " " + row[2]);
            out.append(line.stripTrailing()).append('\n');
        }
        List<String> blockAttributes = new ArrayList<>();
        table.primaryKey()
                .filter(pk -> pk.columns().size() > 1)
                .ifPresent(pk -> blockAttributes.add("@@id([" + fieldList(pk.columns()) + "]"
                        + (pk.name().equals(ConstraintNames.primaryKey(table.name()))
                                ? ""
                                : ", map: \"" + pk.name() + "\"")
                        + ")"));
        for (DbIndex index : table.indexes()) {
            if (index.unique() && index.columns().size() == 1 && singleColumnUniqueInline(index, table)) {
                continue;
            }
            String defaultName = index.unique()
                    ? ConstraintNames.unique(table.name(), index.columnNames())
                    : ConstraintNames.index(table.name(), index.columnNames());
            String map = index.name().equals(defaultName) ? "" : ", map: \"" + index.name() + "\"";
            String type = index.method() == DbIndex.IndexMethod.BTREE ? "" : ", type: " + methodName(index.method());
            String where = index.where()
                    .map(p -> ", where: raw(\"" + p.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\")")
                    .orElse("");
            blockAttributes.add((index.unique() ? "@@unique([" : "@@index([") + indexFields(index) + "]" + map + type
                    + where + ")");
        }
        if (!name.equals(table.name())) {
            blockAttributes.add("@@map(\"" + table.name() + "\")");
        }
        if (!blockAttributes.isEmpty()) {
            out.append('\n');
            blockAttributes.forEach(a -> out.append("  ").append(a).append('\n'));
        }
        return out.append("}\n").toString();
    }

    /**
     * The column of a field's rule Quarry made ({@code @email} as {@code User_email_email_check}); empty for the
     * model's rules and for constraints Quarry did not make, which are written back as {@code @@check}.
     */
    private static Optional<String> ruleColumn(DbTable table, DbCheck check) {
        Optional<String> source = check.source().filter(r -> r.startsWith("@") && !r.startsWith("@@"));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Matcher kind = Pattern.compile("@([A-Za-z]+)").matcher(source.get());
        kind.lookingAt();
        String prefix = table.name() + "_";
        String suffix = "_" + kind.group(1) + "_check";
        if (!check.name().startsWith(prefix)
                || !check.name().endsWith(suffix)
                || check.name().length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String column = check.name().substring(prefix.length(), check.name().length() - suffix.length());
        return table.findColumn(column).map(c -> column);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Policies are not turned back into rules: the model says so, since {@code migrate dev} drops what the schema
     * lacks.
     */
    private String securityNote(DbTable table) {
        return shape.findSecurity(table.schema(), table.name())
                .filter(s -> s.rowSecurity() || !s.policies().isEmpty())
                .map(s -> "// Row-level security is on for this table"
                        + (s.policies().isEmpty()
                                ? ""
                                : ", with the policies "
                                        + s.policies().stream()
                                                .map(p -> p.name())
                                                .collect(Collectors.joining(", ")))
                        + ".\n// `db pull` does not write them back as @@allow/@@deny rules; `migrate dev` removes "
                        + "what the schema lacks.\n")
                .orElse("");
    }

    private boolean singleColumnUniqueInline(DbIndex index, DbTable table) {
        DbIndex.IndexColumn column = index.columns().get(0);
        return column.sort() == DbIndex.SortOrder.ASC
                && column.operatorClass().isEmpty()
                && index.method() == DbIndex.IndexMethod.BTREE
                && index.where().isEmpty();
    }

    private String fieldAttributes(DbTable table, DbColumn column, boolean singleKey) {
        List<String> attributes = new ArrayList<>();
        if (singleKey && table.primaryKey().get().columns().get(0).equals(column.name())) {
            String pkName = table.primaryKey().get().name();
            attributes.add(
                    pkName.equals(ConstraintNames.primaryKey(table.name())) ? "@id" : "@id(map: \"" + pkName + "\")");
        }
        defaultAttribute(column).ifPresent(attributes::add);
        for (DbIndex index : table.indexes()) {
            if (index.unique()
                    && index.columns().size() == 1
                    && index.columnNames().get(0).equals(column.name())
                    && singleColumnUniqueInline(index, table)) {
                String defaultName = ConstraintNames.unique(table.name(), List.of(column.name()));
                attributes.add(index.name().equals(defaultName) ? "@unique" : "@unique(map: \"" + index.name() + "\")");
                break;
            }
        }
        nativeAttribute(column.type()).ifPresent(attributes::add);
        if (!fieldName(column.name()).equals(column.name())) {
            attributes.add("@map(\"" + column.name() + "\")");
        }
        return String.join(" ", attributes);
    }

    private Optional<String> defaultAttribute(DbColumn column) {
        if (column.autoincrement()) {
            return Optional.of("@default(autoincrement())");
        }
        if (column.defaultValue().isEmpty()) {
            return Optional.empty();
        }
        ColumnDefault value = column.defaultValue().get();
        if (value instanceof ColumnDefault.Now) {
            return Optional.of("@default(now())");
        }
        if (value instanceof ColumnDefault.Value constant) {
            return Optional.of("@default(" + literal(column.type(), constant.text()) + ")");
        }
        if (value instanceof ColumnDefault.ListValue list) {
            return Optional.of("@default(["
                    + list.values().stream().map(v -> literal(column.type(), v)).collect(Collectors.joining(", "))
                    + "])");
        }
        String sql = value instanceof ColumnDefault.Expression e ? e.sql().text() : "";
        return Optional.of("@default(dbgenerated(\"" + sql.replace("\\", "\\\\").replace("\"", "\\\"") + "\"))");
    }

    private static String literal(ColumnType type, String text) {
        if (type.isEnum()) {
            return text;
        }
        if (type.isNumericOrBoolean()) {
            return text;
        }
        if (type.family() == ColumnType.Family.BUILTIN
                && (type.name().startsWith("TIMESTAMP") || type.name().equals("DATE"))) {
            return "\"" + text.replace(' ', 'T')
                    + (text.matches(".*[+-]\\d\\d(:\\d\\d)?$") || text.endsWith("Z") ? "" : "Z") + "\"";
        }
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private String fieldType(DbColumn column) {
        ColumnType type = column.type();
        String base;
        if (type.isEnum()) {
            base = identifier(type.name());
        } else if (type.family() == ColumnType.Family.UNSUPPORTED) {
            base = "Unsupported(\"" + type.name() + "\")";
        } else {
            base = switch (type.name()) {
                case "TEXT", "VARCHAR", "CHAR", "UUID", "XML", "INET", "CITEXT", "BIT", "VARBIT" -> "String";
                case "BOOLEAN" -> "Boolean";
                case "SMALLINT", "INTEGER", "OID" -> "Int";
                case "BIGINT" -> "BigInt";
                case "REAL", "DOUBLE PRECISION" -> "Float";
                case "DECIMAL", "MONEY" -> "Decimal";
                case "TIMESTAMP", "TIMESTAMPTZ", "DATE", "TIME", "TIMETZ" -> "DateTime";
                case "JSON", "JSONB" -> "Json";
                case "BYTEA" -> "Bytes";
                default -> "Unsupported(\"" + type.name().toLowerCase() + "\")";
            };
        }
        return base + (type.list() ? "[]" : column.nullable() ? "?" : "");
    }

    /** {@code @db.VarChar(255)} when the type is not the Prisma type's default. */
    private static Optional<String> nativeAttribute(ColumnType type) {
        if (type.family() != ColumnType.Family.BUILTIN) {
            return Optional.empty();
        }
        String args = type.arguments().isEmpty()
                ? ""
                : type.arguments().stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
        String native_ = switch (type.name()) {
            case "TEXT", "BOOLEAN", "INTEGER", "BIGINT", "DOUBLE PRECISION", "JSONB", "BYTEA" -> null;
            case "DECIMAL" -> type.arguments().equals(List.of(65, 30)) ? null : "Decimal";
            case "TIMESTAMP" -> type.arguments().equals(List.of(3)) ? null : "Timestamp";
            case "VARCHAR" -> "VarChar";
            case "CHAR" -> "Char";
            case "UUID" -> "Uuid";
            case "XML" -> "Xml";
            case "INET" -> "Inet";
            case "CITEXT" -> "Citext";
            case "BIT" -> "Bit";
            case "VARBIT" -> "VarBit";
            case "SMALLINT" -> "SmallInt";
            case "OID" -> "Oid";
            case "REAL" -> "Real";
            case "MONEY" -> "Money";
            case "TIMESTAMPTZ" -> "Timestamptz";
            case "DATE" -> "Date";
            case "TIME" -> "Time";
            case "TIMETZ" -> "Timetz";
            case "JSON" -> "Json";
            default -> null;
        };
        return Optional.ofNullable(native_).map(n -> "@db." + n + args);
    }

    private String enumBlock(DbEnum enumType) {
        String name = identifier(enumType.name());
        StringBuilder out = new StringBuilder("enum ").append(name).append(" {\n");
        for (String value : enumType.values()) {
            String valueName = identifier(value);
            out.append("  ")
                    .append(valueName)
                    .append(valueName.equals(value) ? "" : " @map(\"" + value + "\")")
                    .append('\n');
        }
        if (!name.equals(enumType.name())) {
            out.append("\n  @@map(\"").append(enumType.name()).append("\")\n");
        }
        return out.append("}\n").toString();
    }

    private String indexFields(DbIndex index) {
        return index.columns().stream()
                .map(c -> {
                    List<String> args = new ArrayList<>();
                    if (c.sort() == DbIndex.SortOrder.DESC) {
                        args.add("sort: Desc");
                    }
                    c.operatorClass().ifPresent(o -> args.add("ops: raw(\"" + o.text() + "\")"));
                    return fieldName(c.name()) + (args.isEmpty() ? "" : "(" + String.join(", ", args) + ")");
                })
                .collect(Collectors.joining(", "));
    }

    private static String methodName(DbIndex.IndexMethod method) {
        return switch (method) {
            case HASH -> "Hash";
            case GIST -> "Gist";
            case GIN -> "Gin";
            case SPGIST -> "SpGist";
            case BRIN -> "Brin";
            default -> "BTree";
        };
    }

    private String fieldList(List<String> columns) {
        return columns.stream().map(SchemaWriter::fieldName).collect(Collectors.joining(", "));
    }

    private static String fieldName(String column) {
        return identifier(column);
    }

    /** A name as a Prisma identifier: invalid characters become {@code _}, a leading digit gets a prefix. */
    static String identifier(String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            return name;
        }
        String cleaned = name.replaceAll("[^A-Za-z0-9_]", "_");
        return cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0)) ? "x" + cleaned : cleaned;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
