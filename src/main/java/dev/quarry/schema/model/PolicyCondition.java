package dev.quarry.schema.model;

import java.math.BigDecimal;
import java.util.List;

/** A resolved policy condition: names are fields of the model the condition is evaluated on. */
public sealed interface PolicyCondition {

    record Text(String value) implements PolicyCondition {}

    record Number(BigDecimal value) implements PolicyCondition {}

    record Bool(boolean value) implements PolicyCondition {}

    record Null() implements PolicyCondition {}

    /** A value of an enum, compared with a field of that enum. */
    record EnumValue(String enumName, String value) implements PolicyCondition {}

    /** A scalar field of the row. */
    record Column(String field) implements PolicyCondition {}

    /** {@code length(field)}: the number of characters of a String field (data rules only). */
    record Length(String field) implements PolicyCondition {}

    /** {@code future().field}: the field's value after an update. */
    record Future(String field) implements PolicyCondition {}

    /** {@code auth()} (empty path) or {@code auth().id}: the request's claims. */
    record Claim(List<String> path) implements PolicyCondition {
        public Claim {
            path = List.copyOf(path);
        }
    }

    record Compare(Comparison op, PolicyCondition left, PolicyCondition right) implements PolicyCondition {}

    enum Comparison {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE
    }

    record In(PolicyCondition left, List<PolicyCondition> values) implements PolicyCondition {
        public In {
            values = List.copyOf(values);
        }
    }

    record And(PolicyCondition left, PolicyCondition right) implements PolicyCondition {}

    record Or(PolicyCondition left, PolicyCondition right) implements PolicyCondition {}

    record Not(PolicyCondition operand) implements PolicyCondition {}

    /**
     * A condition on related rows, evaluated on the related model: {@code author.name == 'x'} (a to-one relation,
     * {@link Quantifier#SOME}), {@code posts?[published]}, {@code posts![published]}, {@code posts^[published]}.
     */
    record Related(String relationField, Quantifier quantifier, PolicyCondition condition) implements PolicyCondition {}

    enum Quantifier {
        SOME,
        EVERY,
        NONE
    }

    /** The claim that names the request's database role, {@code auth().role}. */
    String ROLE_CLAIM = "role";
}
