package dev.quarry.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeName;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * What Prisma Client fills in on a write, as entity code: literal {@code @default}s become field
 * initializers; {@code cuid()}, {@code uuid()}, {@code nanoid()}, {@code ulid()} and {@code now()}
 * are applied in {@code @PrePersist} to fields left null; {@code @updatedAt} is set on every insert
 * and update. {@code autoincrement()}, {@code sequence()} and {@code dbgenerated()} stay with the
 * database.
 */
final class ClientDefaults {

    private static final ClassName PRE_PERSIST = ClassName.get("jakarta.persistence", "PrePersist");
    private static final ClassName PRE_UPDATE = ClassName.get("jakarta.persistence", "PreUpdate");
    private static final ClassName ID_GENERATORS = ClassName.get("dev.quarry.ids", "IdGenerators");

    private final JavaNames names;

    ClientDefaults(JavaNames names) {
        this.names = names;
    }

    static boolean isDatabaseGenerated(ScalarField field) {
        return function(field)
                .map(f -> switch (f.name()) {
                    case "autoincrement", "sequence", "dbgenerated" -> true;
                    default -> false;
                })
                .orElse(false);
    }

    /** The initializer for a literal default, when Java can say it. */
    Optional<CodeBlock> initializer(ScalarField field, Set<String> fieldNames) {
        if (field.defaultValue().isEmpty() || field.defaultValue().get() instanceof DefaultValue.Function) {
            return Optional.empty();
        }
        return literal(field, field.defaultValue().get(), field.isList(), fieldNames);
    }

    private Optional<CodeBlock> literal(ScalarField field, DefaultValue value, boolean list, Set<String> fieldNames) {
        if (value instanceof DefaultValue.ListValue listValue) {
            List<CodeBlock> elements = new ArrayList<>();
            for (DefaultValue element : listValue.values()) {
                Optional<CodeBlock> code = literal(field, element, false, fieldNames);
                if (code.isEmpty()) {
                    return Optional.empty();
                }
                elements.add(code.get());
            }
            return Optional.of(CodeBlock.of("new $T {$L}", JavaTypes.of(names, field), CodeBlock.join(elements, ", ")));
        }
        if (list) {
            return Optional.empty();
        }
        if (value instanceof DefaultValue.EnumValue enumValue && field.type() instanceof FieldType.EnumRef enumRef) {
            ClassName enumClass = names.enumType(enumRef.enumName());
            // a field named like the enum type hides it in the initializer: name the type in full
            Object type = fieldNames.contains(enumClass.simpleName()) ? enumClass.canonicalName() : enumClass;
            return Optional.of(CodeBlock.of(
                    type instanceof ClassName ? "$T.$L" : "$L.$L", type, EnumWriter.constantName(enumValue.value())));
        }
        if (value instanceof DefaultValue.BooleanValue booleanValue) {
            return Optional.of(CodeBlock.of("$L", booleanValue.value()));
        }
        if (!(field.type() instanceof ScalarType scalar)) {
            return Optional.empty();
        }
        if (value instanceof DefaultValue.NumberValue number) {
            return numberLiteral(scalar, number.value());
        }
        if (value instanceof DefaultValue.StringValue string) {
            return stringLiteral(field, scalar, string.value());
        }
        return Optional.empty();
    }

    private static Optional<CodeBlock> numberLiteral(ScalarType scalar, BigDecimal value) {
        try {
            return switch (scalar) {
                case INT -> Optional.of(CodeBlock.of("$L", value.intValueExact()));
                case BIGINT -> Optional.of(CodeBlock.of("$LL", value.longValueExact()));
                case FLOAT -> Optional.of(CodeBlock.of("$Ld", value.toPlainString()));
                case DECIMAL -> Optional.of(CodeBlock.of("new $T($S)", BigDecimal.class, value.toPlainString()));
                default -> Optional.empty();
            };
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    private Optional<CodeBlock> stringLiteral(ScalarField field, ScalarType scalar, String value) {
        try {
            return switch (scalar) {
                case STRING, JSON -> Optional.of(CodeBlock.of("$S", value));
                case DECIMAL ->
                    Optional.of(CodeBlock.of("new $T($S)", BigDecimal.class, new BigDecimal(value).toPlainString()));
                case BYTES ->
                    Optional.of(CodeBlock.of(
                            "$T.getDecoder().decode($S)",
                            Base64.class,
                            Base64.getEncoder()
                                    .encodeToString(Base64.getDecoder().decode(value))));
                case DATETIME -> dateTimeLiteral(JavaTypes.element(names, field), OffsetDateTime.parse(value));
                default -> Optional.empty();
            };
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<CodeBlock> dateTimeLiteral(TypeName type, OffsetDateTime value) {
        OffsetDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC);
        if (type.equals(ClassName.get(LocalDateTime.class))) {
            return Optional.of(CodeBlock.of(
                    "$T.parse($S)", LocalDateTime.class, utc.toLocalDateTime().toString()));
        }
        if (type.equals(ClassName.get(OffsetDateTime.class))) {
            return Optional.of(CodeBlock.of("$T.parse($S)", OffsetDateTime.class, utc.toString()));
        }
        if (type.equals(ClassName.get(LocalDate.class))) {
            return Optional.of(CodeBlock.of(
                    "$T.parse($S)", LocalDate.class, utc.toLocalDate().toString()));
        }
        return Optional.empty();
    }

    /**
     * {@code @PrePersist}: client-generated ids and {@code now()} for fields left null, {@code @updatedAt}, foreign
     * keys from relations.
     */
    Optional<MethodSpec> prePersist(Model model, List<ScalarField> scalars, List<Relation> relations) {
        CodeBlock.Builder body = CodeBlock.builder();
        boolean usesNow = false;
        for (ScalarField field : scalars) {
            String name = JavaNames.identifier(field.name());
            Optional<DefaultValue.Function> function = function(field)
                    .filter(f -> f.generatedByClient() || f.name().equals("now"));
            if (field.isList() || (function.isEmpty() && !field.updatedAt())) {
                continue;
            }
            CodeBlock value;
            if (function.isPresent() && function.get().generatedByClient()) {
                value = generatedValue(function.get());
            } else {
                value = nowAs(field);
                usesNow = true;
            }
            body.beginControlFlow("if ($N == null)", name)
                    .addStatement("$N = $L", name, value)
                    .endControlFlow();
        }
        for (Relation relation : relations.stream().distinct().toList()) {
            if (relation.kind() != Relation.Kind.MANY_TO_MANY
                    && relation.referencingModel().equals(model.name())
                    && relation.referencingField().isPresent()
                    && !relation.referencingScalars().isEmpty()) {
                String relationField =
                        JavaNames.identifier(relation.referencingField().get());
                body.beginControlFlow("if ($N != null)", relationField);
                forEachKeyColumn(
                        relation,
                        (scalar, getter) -> body.addStatement("this.$N = $N.$N()", scalar, relationField, getter));
                body.endControlFlow();
            }
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(callback(
                "applyDefaultsBeforeInsert",
                PRE_PERSIST,
                "Applies what Prisma Client applies on create: generated ids, {@code now()}, {@code "
                        + "@updatedAt}, foreign keys from relations.",
                usesNow,
                body.build()));
    }

    /** {@code @PreUpdate}: {@code @updatedAt} fields take the current time. */
    Optional<MethodSpec> preUpdate(List<ScalarField> scalars) {
        CodeBlock.Builder body = CodeBlock.builder();
        for (ScalarField field : scalars) {
            if (field.updatedAt() && !field.isList()) {
                body.addStatement("$N = $L", JavaNames.identifier(field.name()), nowAs(field));
            }
        }
        if (body.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(callback(
                "applyUpdatedAtBeforeUpdate",
                PRE_UPDATE,
                "Sets the {@code @updatedAt} fields, as Prisma Client does on update.",
                true,
                body.build()));
    }

    /**
     * {@code authorId = author.getId();} for each column of the foreign key, once the referenced record has its
     * key.
     */
    static CodeBlock copyForeignKey(String relationField, Relation relation) {
        CodeBlock.Builder copy = CodeBlock.builder();
        forEachKeyColumn(
                relation,
                (scalar, getter) -> copy.addStatement(
                        "this.$N = $N == null ? null : $N.$N()", scalar, relationField, relationField, getter));
        return copy.build();
    }

    /** For each column of the foreign key: the Java field of this side, and the getter of the referenced side. */
    private static void forEachKeyColumn(Relation relation, BiConsumer<String, String> action) {
        for (int i = 0; i < relation.referencingScalars().size(); i++) {
            action.accept(
                    JavaNames.identifier(relation.referencingScalars().get(i)),
                    JavaNames.getter(
                            JavaNames.identifier(relation.referencedScalars().get(i))));
        }
    }

    private static MethodSpec callback(
            String name, ClassName annotation, String javadoc, boolean usesNow, CodeBlock body) {
        MethodSpec.Builder method =
                MethodSpec.methodBuilder(name).addAnnotation(annotation).addJavadoc("$L\n", javadoc);
        if (usesNow) {
            method.addStatement(
                    "$T now = $T.now($T.UTC).truncatedTo($T.MILLIS)",
                    OffsetDateTime.class,
                    OffsetDateTime.class,
                    ZoneOffset.class,
                    ChronoUnit.class);
        }
        return method.addCode(body).build();
    }

    private CodeBlock nowAs(ScalarField field) {
        TypeName type = JavaTypes.element(names, field);
        if (type.equals(ClassName.get(OffsetDateTime.class))) {
            return CodeBlock.of("now");
        }
        if (type.equals(ClassName.get(LocalDate.class))) {
            return CodeBlock.of("now.toLocalDate()");
        }
        if (type.equals(ClassName.get(LocalTime.class))) {
            return CodeBlock.of("now.toLocalTime()");
        }
        if (type.equals(ClassName.get(OffsetTime.class))) {
            return CodeBlock.of("now.toOffsetTime()");
        }
        return CodeBlock.of("now.toLocalDateTime()");
    }

    private static CodeBlock generatedValue(DefaultValue.Function function) {
        int version = function.arguments().isEmpty()
                ? 0
                : ((BigDecimal) function.arguments().get(0)).intValue();
        return switch (function.name()) {
            case "cuid" -> CodeBlock.of("$T.$L()", ID_GENERATORS, version == 2 ? "cuid2" : "cuid");
            case "uuid" -> CodeBlock.of("$T.$L()", ID_GENERATORS, version == 7 ? "uuid7" : "uuid4");
            case "nanoid" ->
                version == 0
                        ? CodeBlock.of("$T.nanoid()", ID_GENERATORS)
                        : CodeBlock.of("$T.nanoid($L)", ID_GENERATORS, version);
            case "ulid" -> CodeBlock.of("$T.ulid()", ID_GENERATORS);
            default -> throw new IllegalArgumentException(function.name() + "() is not generated by the client");
        };
    }

    private static Optional<DefaultValue.Function> function(ScalarField field) {
        return field.defaultValue()
                .filter(DefaultValue.Function.class::isInstance)
                .map(DefaultValue.Function.class::cast);
    }
}
