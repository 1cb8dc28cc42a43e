package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;

/**
 * A client value checked against a field's type and normalised to the text PostgreSQL reads for that type. As a
 * {@link Bound} value it equals any value of the same field and kind, whatever its text.
 */
public sealed interface Value extends Bound {

    /** The field whose column type the value is cast to. */
    ScalarField field();

    /** One value: the normalised text. */
    record One(ScalarField field, String text) implements Value {
        public Object param() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof One other && other.field.equals(field);
        }

        @Override
        public int hashCode() {
            return field.hashCode();
        }
    }

    /** A list of values ({@code in}, {@code hasSome}, a whole scalar list), sent as one array. */
    record Many(ScalarField field, List<String> texts) implements Value {
        public Many {
            texts = List.copyOf(texts);
        }

        public Object param() {
            return texts.toArray(new String[0]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Many other && other.field.equals(field);
        }

        @Override
        public int hashCode() {
            return 31 * field.hashCode() + 1;
        }
    }
}
