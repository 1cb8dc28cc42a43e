package dev.quarry.query.write;

import dev.quarry.schema.model.Model;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * A row as a write statement returned it: each single-valued scalar field's value as text in the API's encoding
 * ({@code null} for NULL), and the row's entity tag.
 */
public record StoredRow(Model model, Map<String, String> values, String etag) {

    public StoredRow {
        values = Collections.unmodifiableMap(new HashMap<>(values));
    }

    public String get(String field) {
        return values.get(field);
    }
}
