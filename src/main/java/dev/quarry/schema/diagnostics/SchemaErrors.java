package dev.quarry.schema.diagnostics;

/** Every diagnostic's wording, in one place (Prisma's wording where Prisma has one). */
public final class SchemaErrors {

    private SchemaErrors() {}

    static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message);
    }

    static Diagnostic warning(Span span, String message) {
        return new Diagnostic(Severity.WARNING, span, message);
    }

    /** Prisma's {@code new_validation_error}. */
    public static Diagnostic validation(Span span, String message) {
        return error(span, "Error validating: " + message);
    }

    /** Prisma's {@code new_attribute_validation_error}: {@code Error parsing attribute "@id": …}. */
    public static Diagnostic attribute(Span span, String attributeName, String message) {
        return error(span, "Error parsing attribute \"" + attributeName + "\": " + message);
    }

    /** Prisma's {@code new_model_validation_error}: {@code Error validating model "User": …}. */
    public static Diagnostic model(Span span, String containerType, String modelName, String message) {
        return error(span, "Error validating " + containerType + " \"" + modelName + "\": " + message);
    }

    /** Prisma's {@code new_field_validation_error}. */
    public static Diagnostic field(
            Span span, String containerType, String modelName, String fieldName, String message) {
        return error(
                span,
                "Error validating field `" + fieldName + "` in " + containerType + " `" + modelName + "`: " + message);
    }

    public static Diagnostic plain(Span span, String message) {
        return error(span, message);
    }

    public static Diagnostic plainWarning(Span span, String message) {
        return warning(span, message);
    }

    // ---- syntax

    public static Diagnostic invalidTopLevelLine(Span span) {
        return validation(span, "This line is invalid. It does not start with any known Prisma schema keyword.");
    }

    public static Diagnostic arbitraryBlock(Span span) {
        return validation(
                span,
                "This block is invalid. It does not start with any known Prisma schema keyword. "
                        + "Valid keywords include 'model', 'enum', 'type', 'datasource' and 'generator'.");
    }

    public static Diagnostic typeAlias(Span span) {
        return validation(
                span,
                "Invalid type definition. Please check the documentation in " + "https://pris.ly/d/composite-types");
    }

    /**
     * A line inside a block that is no member of it; {@code blockKeyword} is the block's keyword ({@code model},
     * {@code enum}, …).
     */
    public static Diagnostic invalidBlockLine(String blockKeyword, Span span) {
        switch (blockKeyword) {
            case "enum":
                return validation(span, "This line is not an enum value definition.");
            case "datasource":
                return validation(span, "This line is not a valid definition within a datasource.");
            case "generator":
                return validation(span, "This line is not a valid definition within a generator.");
            default:
                return validation(span, "This line is not a valid field or attribute definition.");
        }
    }

    /**
     * {@code containerType} as Prisma names it in messages: {@code model}, {@code view}, {@code composite type},
     * {@code enum}.
     */
    public static Diagnostic fieldWithoutType(String containerType, String blockName, Span span) {
        return model(
                span,
                containerType,
                blockName,
                "This field declaration is invalid. It is either missing a name or a type.");
    }

    public static Diagnostic legacyColon(Span span) {
        return validation(span, "Field declarations don't require a `:`.");
    }

    public static Diagnostic legacyRequiredType(Span span) {
        return validation(span, "Fields are required by default, `!` is no longer required.");
    }

    public static Diagnostic legacyListType(Span span) {
        return validation(span, "To specify a list, please use `Type[]` instead of `[Type]`.");
    }

    public static Diagnostic optionalList(Span span) {
        return validation(span, "Optional lists are not supported. Use either `Type[]` or `Type?`.");
    }

    public static Diagnostic onlyPostgres(Span span, String provider) {
        return error(span, "Quarry supports only PostgreSQL (provider \"postgresql\"), not \"" + provider + "\".");
    }
}
