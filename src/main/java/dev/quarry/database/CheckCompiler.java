package dev.quarry.database;

import static dev.quarry.schema.model.Identifiers.literal;
import static dev.quarry.schema.model.Identifiers.quote;

import dev.quarry.schema.model.DataRule;
import dev.quarry.schema.model.Identifiers;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RawSql;
import java.util.ArrayList;
import java.util.List;

/**
 * Data rules → CHECK constraints, one per rule, each with Quarry's comment ({@link DbCheck}). The conditions hold
 * for NULL (a CHECK passes on unknown), as the API's checks do: a rule says what a value must be when there is one.
 */
final class CheckCompiler {

    private final PolicyCompiler conditions;

    CheckCompiler(PolicyCompiler conditions) {
        this.conditions = conditions;
    }

    List<DbCheck> compile(Model model) {
        List<DbCheck> checks = new ArrayList<>();
        for (DataRule rule : model.rules()) {
            checks.add(DbCheck.of(rule.constraintName(), expression(model, rule), rule.source()));
        }
        return checks;
    }

    private RawSql expression(Model model, DataRule rule) {
        if (rule instanceof DataRule.Check check) {
            return RawSql.writtenInSchema(check.expression());
        }
        return RawSql.compiled(compiled(model, rule));
    }

    private String compiled(Model model, DataRule rule) {
        if (rule instanceof DataRule.Validate validate) {
            return conditions.rowCondition(model, validate.condition());
        }
        DataRule.FieldRule field = (DataRule.FieldRule) rule;
        String column = quote(model.scalarField(field.field()).dbName());
        String text = field.text().map(Identifiers::literal).orElse("");
        String bound = field.min().map(b -> b.toPlainString()).orElse("");
        switch (field.kind()) {
            case LENGTH: {
                List<String> parts = new ArrayList<>();
                field.min().ifPresent(min -> parts.add("char_length(" + column + ") >= " + min.toPlainString()));
                field.max().ifPresent(max -> parts.add("char_length(" + column + ") <= " + max.toPlainString()));
                return String.join(" AND ", parts);
            }
            case STARTS_WITH:
                return "starts_with(" + column + ", " + text + ")";
            case ENDS_WITH:
                return "right(" + column + ", "
                        + field.text()
                                .get()
                                .codePointCount(0, field.text().get().length()) + ") = " + text;
            case CONTAINS:
                return "strpos(" + column + ", " + text + ") > 0";
            case REGEX:
                return column + " ~ " + text;
            case EMAIL:
                return column + " ~ " + literal(DataRule.EMAIL_PATTERN);
            case URL:
                return column + " ~ " + literal(DataRule.URL_PATTERN);
            case GT:
                return column + " > " + bound;
            case GTE:
                return column + " >= " + bound;
            case LT:
                return column + " < " + bound;
            default:
                return column + " <= " + bound;
        }
    }
}
