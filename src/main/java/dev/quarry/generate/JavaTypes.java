package dev.quarry.generate;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;

/**
 * The Java type of a scalar field. A {@code DateTime} is a {@link LocalDateTime} in UTC, since Prisma
 * stores it as {@code TIMESTAMP(3)} without a time zone, always in UTC; {@code @db.Timestamptz} is an
 * {@link OffsetDateTime}, {@code @db.Date} a {@link LocalDate}, {@code @db.Time} a {@link LocalTime}.
 * {@code Json} is its JSON text. A list is a Java array, as PostgreSQL's arrays are.
 */
final class JavaTypes {

    private JavaTypes() {}

    static TypeName of(JavaNames names, ScalarField field) {
        TypeName element = element(names, field);
        return field.isList() ? ArrayTypeName.of(element) : element;
    }

    static TypeName element(JavaNames names, ScalarField field) {
        FieldType type = field.type();
        if (type instanceof FieldType.EnumRef enumRef) {
            return names.enumType(enumRef.enumName());
        }
        ScalarType scalar = (ScalarType) type;
        String nativeName = field.nativeType().map(n -> n.name()).orElse("");
        return switch (scalar) {
            case STRING, JSON -> ClassName.get(String.class);
            case BOOLEAN -> ClassName.get(Boolean.class);
            case INT -> ClassName.get(Integer.class);
            case BIGINT -> ClassName.get(Long.class);
            case FLOAT -> ClassName.get(Double.class);
            case DECIMAL -> ClassName.get(BigDecimal.class);
            case BYTES -> ArrayTypeName.of(TypeName.BYTE);
            case DATETIME ->
                switch (nativeName) {
                    case "Timestamptz" -> ClassName.get(OffsetDateTime.class);
                    case "Date" -> ClassName.get(LocalDate.class);
                    case "Time" -> ClassName.get(LocalTime.class);
                    case "Timetz" -> ClassName.get(OffsetTime.class);
                    default -> ClassName.get(LocalDateTime.class);
                };
        };
    }

    /**
     * Fields the generator leaves out: {@code Unsupported("…")} columns and composite types (not in PostgreSQL).
     */
    static boolean isMappable(ScalarField field) {
        return field.type() instanceof ScalarType || field.type() instanceof FieldType.EnumRef;
    }
}
