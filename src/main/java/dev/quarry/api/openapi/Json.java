package dev.quarry.api.openapi;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/** Small constructors of JSON Schema (OpenAPI 3.1) nodes, so the builders read like the document they make. */
final class Json {

    private Json() {}

    static Schema ref(String component) {
        return OASFactory.createSchema().ref(component);
    }

    static Schema object() {
        return typed(SchemaType.OBJECT);
    }

    static Schema object(Map<String, Schema> properties) {
        Schema object = object();
        properties.forEach(object::addProperty);
        return object;
    }

    /** An object with properties in the given order: {@code object("sort", a, "nulls", b)}. */
    static Schema object(Object... namesAndSchemas) {
        Schema object = object();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            object.addProperty((String) namesAndSchemas[i], (Schema) namesAndSchemas[i + 1]);
        }
        return object;
    }

    static Schema string() {
        return typed(SchemaType.STRING);
    }

    static Schema bool() {
        return typed(SchemaType.BOOLEAN);
    }

    static Schema integer() {
        return typed(SchemaType.INTEGER).format("int32");
    }

    static Schema number() {
        return typed(SchemaType.NUMBER).format("double");
    }

    /** Any JSON value, {@code null} included. */
    static Schema any() {
        return OASFactory.createSchema();
    }

    static Schema array(Schema items) {
        return typed(SchemaType.ARRAY).items(items);
    }

    static Schema stringEnum(List<String> values) {
        return string().enumeration(List.copyOf(values));
    }

    static Schema anyOf(Schema... alternatives) {
        return OASFactory.createSchema().anyOf(List.of(alternatives));
    }

    /** Exactly one of these holds: for alternatives no value can match twice, such as a number and an object. */
    static Schema oneOf(Schema... alternatives) {
        return OASFactory.createSchema().oneOf(List.of(alternatives));
    }

    /**
     * Holds when every one of these properties is present: {@code {properties: {a: {}, b: {}}, required: [a, b]}}.
     */
    static Schema having(List<String> names) {
        Schema having = OASFactory.createSchema().required(List.copyOf(names));
        // declared as well as required, so that linters do not take the requirement for a misspelt property
        names.forEach(name -> having.addProperty(name, any()));
        return having;
    }

    /** Holds when none of these properties is present: {@code {properties: {a: {not: {}}, b: {not: {}}}}}. */
    static Schema lacking(List<String> names) {
        Schema lacking = OASFactory.createSchema();
        names.forEach(
                name -> lacking.addProperty(name, OASFactory.createSchema().not(any())));
        return lacking;
    }

    /**
     * The schema this object must not match, one of several when there are more: a {@code not} the generators
     * ignore.
     */
    static Schema forbidding(Schema object, List<Schema> forbidden) {
        return forbidden.isEmpty()
                ? object
                : object.not(
                        forbidden.size() == 1
                                ? forbidden.get(0)
                                : OASFactory.createSchema().anyOf(List.copyOf(forbidden)));
    }

    /**
     * A select (or an aggregate's field choice) that chooses something: not empty, and not every value {@code
     * false} (refused both).
     */
    static Schema choosing(Schema select) {
        return select.not(OASFactory.createSchema()
                .additionalPropertiesSchema(OASFactory.createSchema().constValue(false)));
    }

    /**
     * The value or {@code null}: a second type in 3.1 ({@code type: [string, "null"]}), or {@code anyOf} around a
     * reference.
     */
    static Schema nullable(Schema schema) {
        if (schema.getRef() != null || schema.getType() == null) {
            return schema.getRef() == null ? schema : anyOf(schema, typed(SchemaType.NULL));
        }
        schema.addType(SchemaType.NULL);
        return schema;
    }

    private static Schema typed(SchemaType type) {
        return OASFactory.createSchema().addType(type);
    }
}
