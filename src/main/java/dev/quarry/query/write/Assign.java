package dev.quarry.query.write;

import dev.quarry.query.plan.Value;
import dev.quarry.schema.model.ScalarField;

/** One column of a written row: {@code SET field = …}. */
public sealed interface Assign {

    ScalarField field();

    /** {@code field: value}, {@code field: {set: value}}: a value, or a whole scalar list ({@link Value.Many}). */
    record Set(ScalarField field, Value value) implements Assign {}

    /** {@code field: null}, and a Json field's {@code {"$type": "DbNull"}}. */
    record SetNull(ScalarField field) implements Assign {}

    enum Arithmetic {
        INCREMENT("+"),
        DECREMENT("-"),
        MULTIPLY("*"),
        DIVIDE("/");

        public final String sql;

        Arithmetic(String sql) {
            this.sql = sql;
        }
    }

    /** {@code field: {increment: n}} and its siblings: computed from the row's current value, atomically. */
    record Compute(ScalarField field, Arithmetic op, Value.One operand) implements Assign {}

    /** {@code field: {push: v | [v…]}} on a scalar list. */
    record Push(ScalarField field, Value.Many values) implements Assign {}
}
