package dev.quarry.generate;

import com.palantir.javapoet.ClassName;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Java names for schema names. Prisma allows names Java does not ({@code class}, {@code record}, an
 * enum value {@code public}), and a model may share its name with a {@code java.lang} type or a
 * nested class of ours; each such name gets a trailing underscore or is written fully qualified.
 */
final class JavaNames {

    private static final Set<String> RESERVED = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "_",
            "var",
            "yield",
            "record",
            "sealed",
            "permits",
            "non-sealed");

    /**
     * Simple names the generated code refers to without qualification: a generated type of that name must not hide
     * them.
     */
    static final Set<String> REFERENCED_SIMPLE_NAMES = Set.of(
            "Object",
            "String",
            "Integer",
            "Long",
            "Short",
            "Double",
            "Float",
            "Boolean",
            "Byte",
            "Override",
            "SuppressWarnings",
            "Deprecated",
            "Enum",
            "Class",
            "Record",
            "IllegalArgumentException",
            "Character",
            "Entity",
            "Table",
            "Column",
            "Id",
            "IdClass",
            "Index",
            "UniqueConstraint",
            "JoinColumn",
            "JoinColumns",
            "JoinTable",
            "ForeignKey",
            "ManyToOne",
            "OneToMany",
            "OneToOne",
            "ManyToMany",
            "FetchType",
            "PrePersist",
            "PreUpdate",
            "Convert",
            "Converter",
            "AttributeConverter",
            "Generated",
            "GeneratedValue",
            "GenerationType",
            "ColumnTransformer",
            "BigDecimal",
            "LocalDateTime",
            "LocalDate",
            "LocalTime",
            "OffsetDateTime",
            "OffsetTime",
            "ZoneOffset",
            "ChronoUnit",
            "List",
            "ArrayList",
            "Objects",
            "Serializable",
            "IdGenerators",
            "Immutable",
            "EventType",
            "Arrays",
            "Base64");

    private final String packageName;
    private final Map<String, String> modelClasses = new LinkedHashMap<>();
    private final Map<String, String> enumClasses = new LinkedHashMap<>();
    private final Set<String> typeNames = new HashSet<>();
    final String fieldsClass;
    final String columnsClass;
    final String keyClass;
    final String converterClass;
    final String arrayConverterClass;

    JavaNames(Schema schema, String packageName) {
        this.packageName = packageName;
        for (EnumType enumType : schema.enums()) {
            enumClasses.put(enumType.name(), typeName(enumType.name()));
        }
        for (Model model : schema.models()) {
            modelClasses.put(model.name(), typeName(model.name()));
        }
        typeNames.addAll(enumClasses.values());
        typeNames.addAll(modelClasses.values());
        fieldsClass = nestedName("Fields");
        columnsClass = nestedName("Columns");
        keyClass = nestedName("Key");
        converterClass = nestedName("DbConverter");
        arrayConverterClass = nestedName("DbArrayConverter");
    }

    ClassName model(String modelName) {
        return ClassName.get(packageName, modelClasses.get(modelName));
    }

    ClassName enumType(String enumName) {
        return ClassName.get(packageName, enumClasses.get(enumName));
    }

    /** Generated type names that hide a type the generated code uses: those are written fully qualified. */
    String[] clashingTypeNames() {
        return typeNames.stream()
                .filter(REFERENCED_SIMPLE_NAMES::contains)
                .sorted()
                .toArray(String[]::new);
    }

    /** A field, parameter or enum constant: the schema name, with {@code _} appended when Java reserves it. */
    static String identifier(String name) {
        String valid = name.replaceAll("[^A-Za-z0-9_$]", "_");
        if (valid.isEmpty() || Character.isDigit(valid.charAt(0))) {
            valid = "_" + valid;
        }
        return RESERVED.contains(valid) ? valid + "_" : valid;
    }

    /** {@code email} → {@code getEmail}; a field named {@code class} must not override {@code Object.getClass}. */
    static String getter(String javaName) {
        String getter = "get" + capitalize(javaName);
        return getter.equals("getClass") ? "getClass_" : getter;
    }

    static String setter(String javaName) {
        return "set" + capitalize(javaName);
    }

    /**
     * {@code createdAt} → {@code CREATED_AT}; {@code email_address} → {@code EMAIL_ADDRESS}; {@code APIKey} →
     * {@code API_KEY}.
     */
    static String constant(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean boundary = i > 0
                    && Character.isUpperCase(c)
                    && (Character.isLowerCase(name.charAt(i - 1))
                            || Character.isDigit(name.charAt(i - 1))
                            || (i + 1 < name.length()
                                    && Character.isLowerCase(name.charAt(i + 1))
                                    && Character.isUpperCase(name.charAt(i - 1))));
            if (boundary && out.length() > 0 && out.charAt(out.length() - 1) != '_') {
                out.append('_');
            }
            out.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return identifier(out.toString());
    }

    /** Constant names for {@code names}, in order, made unique by a numeric suffix where two fold to the same. */
    static List<String> constants(List<String> names) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        return names.stream()
                .map(name -> {
                    String constant = constant(name);
                    int count = seen.merge(constant, 1, Integer::sum);
                    return count == 1 ? constant : constant + "_" + count;
                })
                .toList();
    }

    private String typeName(String schemaName) {
        return identifier(schemaName);
    }

    private String nestedName(String preferred) {
        String name = preferred;
        while (typeNames.contains(name)) {
            name = name + "_";
        }
        return name;
    }

    private static String capitalize(String name) {
        return name.isEmpty() ? name : name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
