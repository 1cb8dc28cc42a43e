package dev.quarry.query.plan;

import dev.quarry.schema.model.ScalarField;
import java.util.List;

/** A client value checked against a field's type and normalised to the text PostgreSQL reads for that type. */
public sealed interface Value {

    /** The field whose column type the value is cast to. */
    ScalarField field();

    /** One value: the normalised text. */
    record One(ScalarField field, String text) implements Value {}

    /** A list of values ({@code in}, {@code hasSome}, a whole scalar list). */
    record Many(ScalarField field, List<String> texts) implements Value {
        public Many {
            texts = List.copyOf(texts);
        }
    }

    /** A JSON document for a Json field (jsonb text). */
    record JsonDoc(ScalarField field, String json) implements Value {}
}
