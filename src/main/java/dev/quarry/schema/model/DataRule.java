package dev.quarry.schema.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A data rule of a model, enforced by the API before a write and by PostgreSQL as a named CHECK constraint: a
 * validation attribute on a scalar field ({@code @email}, {@code @length(1, 80)}, {@code @gt(0)}), a
 * {@code @@validate(condition, "message")} over the model's scalar fields, or Prisma 8's raw
 * {@code @@check(expression: "…", name: "…")}, which only PostgreSQL evaluates.
 */
public sealed interface DataRule {

    /**
     * The attribute as written ({@code @length(min: 1)}), for messages, the constraint's comment and {@code db
     * pull}.
     */
    String source();

    /** The CHECK constraint's name (see {@code ConstraintNames.check}). */
    String constraintName();

    /**
     * A validation attribute on one field.
     *
     * @param text the argument of the string rules ({@code startsWith}, {@code endsWith}, {@code contains}, {@code
     * regex})
     * @param min    {@code @length}'s minimum, or the bound of a comparison ({@code @gt(0)})
     * @param max    {@code @length}'s maximum
     */
    record FieldRule(
            String field,
            Kind kind,
            Optional<String> text,
            Optional<BigDecimal> min,
            Optional<BigDecimal> max,
            String source,
            String constraintName)
            implements DataRule {

        /**
         * What a value must be, in the words of the API's message and the generated entities' ({@code "its length
         * must be …"}).
         */
        public String requirement() {
            String text = text().orElse("");
            String bound = min().map(BigDecimal::toPlainString).orElse("");
            switch (kind) {
                case LENGTH:
                    return "its length must be "
                            + (min().isPresent() && max().isPresent()
                                    ? "between " + bound + " and " + max().get().toPlainString() + " characters"
                                    : min().isPresent()
                                            ? "at least " + bound + " characters"
                                            : "at most " + max().get().toPlainString() + " characters");
                case STARTS_WITH:
                    return "it must start with \"" + text + "\"";
                case ENDS_WITH:
                    return "it must end with \"" + text + "\"";
                case CONTAINS:
                    return "it must contain \"" + text + "\"";
                case REGEX:
                    return "it must match /" + text + "/";
                case EMAIL:
                    return "it must be an email address";
                case URL:
                    return "it must be an absolute URL (scheme://host…)";
                case GT:
                    return "it must be greater than " + bound;
                case GTE:
                    return "it must be " + bound + " or more";
                case LT:
                    return "it must be less than " + bound;
                default:
                    return "it must be " + bound + " or less";
            }
        }
    }

    /**
     * ZenStack's names; the string rules apply to String fields, the comparisons to Int, BigInt, Float and Decimal.
     */
    enum Kind {
        LENGTH("length", true),
        STARTS_WITH("startsWith", true),
        ENDS_WITH("endsWith", true),
        CONTAINS("contains", true),
        REGEX("regex", true),
        EMAIL("email", true),
        URL("url", true),
        GT("gt", false),
        GTE("gte", false),
        LT("lt", false),
        LTE("lte", false);

        public final String attribute;
        public final boolean onStrings;

        Kind(String attribute, boolean onStrings) {
            this.attribute = attribute;
            this.onStrings = onStrings;
        }

        public static Optional<Kind> of(String attribute) {
            for (Kind kind : values()) {
                if (kind.attribute.equals(attribute)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** {@code @@validate(condition, "message")}; {@code condition} names only scalar fields of the model. */
    record Validate(PolicyCondition condition, Optional<String> message, String source, String constraintName)
            implements DataRule {}

    /** {@code @@check(expression: "…", name: "…")}: SQL, checked by PostgreSQL only. */
    record Check(String expression, String source, String constraintName) implements DataRule {}

    /** The pattern {@code @email} stands for, in the regular-expression syntax Java and PostgreSQL share. */
    String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";
    /** The pattern {@code @url} stands for: an absolute URL with a scheme. */
    String URL_PATTERN = "^[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#]+[^\\s]*$";
}
