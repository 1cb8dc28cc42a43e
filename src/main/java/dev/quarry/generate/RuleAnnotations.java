package dev.quarry.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import dev.quarry.schema.model.DataRule;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A field's data rule as a Bean Validation annotation, so that Hibernate Validator accepts exactly the values the
 * API and the rule's CHECK constraint accept. Hence two choices over the obvious annotations: {@code @length} is
 * Hibernate's {@code @CodePointLength} (PostgreSQL counts characters, {@code @Size} counts UTF-16 units), and
 * {@code @email}/{@code @url} are {@code @Pattern}s of the rule's own pattern ({@code @Email} and {@code @URL} have
 * their own, different ideas of an address). {@code @@validate} and {@code @@check} are left to the database.
 */
final class RuleAnnotations {

    private static final String CONSTRAINTS = "jakarta.validation.constraints";
    private static final ClassName PATTERN = ClassName.get(CONSTRAINTS, "Pattern");
    private static final ClassName MIN = ClassName.get(CONSTRAINTS, "Min");
    private static final ClassName MAX = ClassName.get(CONSTRAINTS, "Max");
    private static final ClassName DECIMAL_MIN = ClassName.get(CONSTRAINTS, "DecimalMin");
    private static final ClassName DECIMAL_MAX = ClassName.get(CONSTRAINTS, "DecimalMax");
    private static final ClassName CODE_POINT_LENGTH =
            ClassName.get("org.hibernate.validator.constraints", "CodePointLength");
    /** Any text, line breaks included; {@code @Pattern} matches the whole value, the rules search in it. */
    private static final String ANY = "(?s:.*)";

    private RuleAnnotations() {}

    static AnnotationSpec of(DataRule.FieldRule rule) {
        String text = rule.text().orElse("");
        AnnotationSpec.Builder annotation = switch (rule.kind()) {
            case LENGTH -> {
                AnnotationSpec.Builder length = AnnotationSpec.builder(CODE_POINT_LENGTH);
                rule.min().ifPresent(min -> length.addMember("min", "$L", min.intValueExact()));
                rule.max().ifPresent(max -> length.addMember("max", "$L", max.intValueExact()));
                yield length;
            }
            case STARTS_WITH -> pattern(Pattern.quote(text) + ANY);
            case ENDS_WITH -> pattern(ANY + Pattern.quote(text));
            case CONTAINS -> pattern(ANY + Pattern.quote(text) + ANY);
            case REGEX -> pattern(ANY + "(?:" + text + ")" + ANY);
            case EMAIL -> pattern(ANY + "(?:" + DataRule.EMAIL_PATTERN + ")" + ANY);
            case URL -> pattern(ANY + "(?:" + DataRule.URL_PATTERN + ")" + ANY);
            case GT, GTE, LT, LTE -> bound(rule);
        };
        return annotation
                .addMember("message", "$S", message(rule.source() + ": " + rule.requirement()))
                .build();
    }

    private static AnnotationSpec.Builder pattern(String regexp) {
        return AnnotationSpec.builder(PATTERN).addMember("regexp", "$S", regexp);
    }

    /** {@code @Min}/{@code @Max} for an inclusive whole bound, else {@code @DecimalMin}/{@code @DecimalMax}. */
    private static AnnotationSpec.Builder bound(DataRule.FieldRule rule) {
        BigDecimal bound = rule.min().orElseThrow();
        boolean lower = rule.kind() == DataRule.Kind.GT || rule.kind() == DataRule.Kind.GTE;
        boolean inclusive = rule.kind() == DataRule.Kind.GTE || rule.kind() == DataRule.Kind.LTE;
        if (inclusive && isLong(bound)) {
            return AnnotationSpec.builder(lower ? MIN : MAX).addMember("value", "$LL", bound.longValueExact());
        }
        return AnnotationSpec.builder(lower ? DECIMAL_MIN : DECIMAL_MAX)
                .addMember("value", "$S", bound.toPlainString())
                .addMember("inclusive", "$L", inclusive);
    }

    private static boolean isLong(BigDecimal value) {
        try {
            value.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    /** Bean Validation reads {@code {…}} and {@code ${…}} in a message as parameters and expressions. */
    private static String message(String text) {
        return text.replace("\\", "\\\\")
                .replace("{", "\\{")
                .replace("}", "\\}")
                .replace("$", "\\$");
    }
}
