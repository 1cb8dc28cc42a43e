package dev.quarry.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.query.ArgPath;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Map;

/**
 * The read planner's resolution of filters, values and fields, opened to the write planner so that a
 * {@code where} or a value means exactly the same thing in a write as in a read.
 */
public final class Resolver {

    private final Schema schema;
    private final Values values;
    private final WherePlanner where;

    public Resolver(Schema schema, Limits limits) {
        this.schema = schema;
        this.values = new Values(schema);
        this.where = new WherePlanner(schema, values, limits);
    }

    public Schema schema() {
        return schema;
    }

    /** A {@code WhereInput}. */
    public Filter where(Model model, JsonNode node, ArgPath at) {
        return where.where(model, node, at, 0);
    }

    /** A {@code WhereUniqueInput}: names a unique criterion by equality. */
    public Filter whereUnique(Model model, JsonNode node, ArgPath at) {
        return where.whereUnique(model, node, at, 0);
    }

    /** One value of {@code field}'s type (not null), normalised. */
    public Value.One value(ScalarField field, JsonNode node, ArgPath at) {
        return values.one(field, node, at);
    }

    /** A JSON array of values of {@code field}'s element type. */
    public Value.Many list(ScalarField field, JsonNode node, ArgPath at) {
        return values.many(field, node, at);
    }

    /** How the type of {@code field} is named in error messages. */
    public String typeName(ScalarField field) {
        return values.typeName(field);
    }

    public List<ScalarField> visibleScalars(Model model) {
        return Fields.visibleScalars(model);
    }

    public List<RelationField> visibleRelations(Model model) {
        return Fields.visibleRelations(schema, model);
    }

    public List<String> fieldNames(Model model) {
        return Fields.names(schema, model);
    }

    public Hop hop(Model from, RelationField field) {
        return Fields.hop(schema, from, field);
    }

    /**
     * Unique criteria by their WhereUniqueInput name ({@code id}, {@code email}, {@code a_b}), each with its
     * fields.
     */
    public Map<String, List<String>> uniqueCriteria(Model model) {
        return Fields.uniqueCriteria(model);
    }

    /** The fields that identify a row: the primary key, else the first unique. */
    public List<ScalarField> identity(Model model) {
        return Fields.identity(model);
    }
}
