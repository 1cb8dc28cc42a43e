package dev.quarry.api.openapi;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The named schemas of the document, defined on first use: a builder asks for a reference and the
 * definition is made once. The name is reserved before the definition is built, so recursive types
 * ({@code UserWhereInput.AND}) refer to themselves without looping.
 */
final class Components {

    private final Map<String, Schema> schemas = new TreeMap<>();

    Schema ref(String name, Supplier<Schema> definition) {
        if (!schemas.containsKey(name)) {
            schemas.put(name, OASFactory.createSchema());
            schemas.put(name, definition.get());
        }
        return Json.ref(name);
    }

    Map<String, Schema> schemas() {
        return schemas;
    }
}
