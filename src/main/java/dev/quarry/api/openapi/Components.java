package dev.quarry.api.openapi;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The named schemas of the document, defined on first use: a builder asks for a reference and the
 * definition is made once. The name is reserved at once and its definition built later, from a queue:
 * recursive types ({@code UserWhereInput.AND}) refer to themselves without looping, and a chain of
 * hundreds of nested inputs ({@code …CreateWithout…Input} on a large schema) does not deepen the stack.
 */
final class Components {

    private final Map<String, Schema> schemas = new TreeMap<>();
    private final Deque<Map.Entry<String, Supplier<Schema>>> pending = new ArrayDeque<>();

    Schema ref(String name, Supplier<Schema> definition) {
        if (!schemas.containsKey(name)) {
            schemas.put(name, OASFactory.createSchema());
            pending.add(Map.entry(name, definition));
        }
        return Json.ref(name);
    }

    /** Every schema, the definitions still queued built first. */
    Map<String, Schema> schemas() {
        while (!pending.isEmpty()) {
            Map.Entry<String, Supplier<Schema>> next = pending.poll();
            schemas.put(next.getKey(), next.getValue().get());
        }
        return schemas;
    }

    /**
     * Every input object refuses properties it does not name ({@code additionalProperties: false}), as the server
     * does: each component but the answers (a model's record, the {@code …Result} and {@code …Output} types, the
     * batch count, the problem), and the objects written inline inside them. Objects that say what else they take
     * are left alone.
     */
    void closeInputs(Set<String> answers) {
        schemas().forEach((name, schema) -> {
            if (!answers.contains(name) && !name.endsWith("Result") && !name.endsWith("Output")) {
                close(schema);
            }
        });
    }

    private static void close(Schema schema) {
        if (schema == null || schema.getRef() != null) {
            return;
        }
        if (schema.getProperties() != null
                && !schema.getProperties().isEmpty()
                && schema.getAdditionalPropertiesSchema() == null
                && schema.getAdditionalPropertiesBoolean() == null) {
            schema.additionalPropertiesBoolean(false);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(Components::close);
        }
        close(schema.getItems());
        for (List<Schema> alternatives : Arrays.asList(schema.getAnyOf(), schema.getOneOf())) {
            if (alternatives != null) {
                alternatives.forEach(Components::close);
            }
        }
    }
}
