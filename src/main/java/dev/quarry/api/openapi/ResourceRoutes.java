package dev.quarry.api.openapi;

import static dev.quarry.api.openapi.Operations.addErrors;
import static dev.quarry.api.openapi.Operations.header;
import static dev.quarry.api.openapi.Operations.jsonBody;
import static dev.quarry.api.openapi.Operations.jsonQuery;
import static dev.quarry.api.openapi.Operations.jsonResponse;
import static dev.quarry.api.openapi.Operations.operation;
import static dev.quarry.api.openapi.Operations.path;
import static dev.quarry.api.openapi.Operations.query;
import static dev.quarry.api.openapi.Operations.recordsResponse;
import static dev.quarry.api.openapi.Problems.Status.BAD_REQUEST;
import static dev.quarry.api.openapi.Problems.Status.CONFLICT;
import static dev.quarry.api.openapi.Problems.Status.NOT_FOUND;
import static dev.quarry.api.openapi.Problems.Status.PRECONDITION_FAILED;
import static dev.quarry.api.openapi.Problems.Status.SERVICE_UNAVAILABLE;

import dev.quarry.schema.model.ScalarField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * The resource surface (API.md "Resource surface"): {@code /api/users}, {@code /api/users/{id}},
 * {@code /api/users/bulk}, {@code /api/users/_count}, {@code /api/users/_aggregate},
 * {@code /api/users/_groupBy}. Views get the reads only.
 *
 * <p>A compound {@code @@id([a, b])} is addressed as {@code /api/things/{a},{b}}: each value in the
 * order of the {@code @@id}, percent-encoded (so a comma inside a value is {@code %2C}), joined by a
 * literal comma. Sub-paths starting with {@code _} are reserved, so they never clash with an id.
 */
final class ResourceRoutes {

    private final String basePath;
    private final Values values;
    private final Shared shared;
    private final ReadTypes reads;
    private final WriteTypes writes;
    private final AggregateTypes aggregates;

    ResourceRoutes(
            String basePath,
            Values values,
            Shared shared,
            ReadTypes reads,
            WriteTypes writes,
            AggregateTypes aggregates) {
        this.basePath = basePath;
        this.values = values;
        this.shared = shared;
        this.reads = reads;
        this.writes = writes;
        this.aggregates = aggregates;
    }

    /**
     * Operation ids are {@code users.list}; a model whose resource and delegate names are equal ({@code news}) gets
     * {@code newsResource.list}.
     */
    static String operationPrefix(ApiModel model) {
        return model.resource().equals(model.delegate()) ? model.resource() + "Resource" : model.resource();
    }

    Map<String, PathItem> paths(ApiModel model) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        String collection = basePath + "/" + model.resource();
        PathItem items = OASFactory.createPathItem().GET(list(model));
        if (!model.view()) {
            items.POST(create(model)).PATCH(updateMany(model)).DELETE(deleteMany(model));
            paths.put(collection, items);
            paths.put(collection + "/bulk", OASFactory.createPathItem().POST(createBulk(model)));
        } else {
            paths.put(collection, items);
        }
        paths.put(collection + "/_query", OASFactory.createPathItem().POST(listByBody(model)));
        model.primaryKey().ifPresent(key -> {
            PathItem record = OASFactory.createPathItem().GET(get(model, key));
            if (!model.view()) {
                record.PATCH(update(model, key)).PUT(upsert(model, key)).DELETE(delete(model, key));
            }
            paths.put(
                    collection + "/"
                            + key.fields().stream()
                                    .map(f -> "{" + f.name() + "}")
                                    .reduce((a, b) -> a + "," + b)
                                    .orElseThrow(),
                    record);
        });
        paths.put(collection + "/_count", OASFactory.createPathItem().GET(count(model)));
        paths.put(collection + "/_aggregate", OASFactory.createPathItem().GET(aggregate(model)));
        paths.put(collection + "/_groupBy", OASFactory.createPathItem().GET(groupBy(model)));
        return paths;
    }

    private Operation op(ApiModel model, String name, String summary) {
        return operation(operationPrefix(model) + "." + name, model.resource(), summary);
    }

    private Operation list(ApiModel model) {
        Operation op = op(model, "list", "Lists " + model.name() + " records (findMany)");
        op.parameters(window(model, true));
        addShape(op, model);
        op.addParameter(query(
                "count", Json.bool(), "true adds the total number of matching records as the X-Total-Count header."));
        op.addParameter(
                header("Prefer", Json.string(), "count=exact adds the X-Total-Count header, as ?count=true does."));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        recordsResponse("The records, in order.", reads.record(model), true)
                                .addHeader("X-Total-Count", totalCount()));
        SoftDeleteDocs.describeRead(op, model);
        addErrors(op, BAD_REQUEST, SERVICE_UNAVAILABLE);
        return op;
    }

    /**
     * The same read as {@link #list}, its parameters in the body: the one way for generated clients, which cannot
     * put JSON in a URL.
     */
    private Operation listByBody(ApiModel model) {
        Operation op = op(
                        model, "query", "Lists " + model.name() + " records (findMany), the parameters as a JSON body")
                .description("The list read with its query parameters as one JSON object, each in its JSON form: the "
                        + "form for generated "
                        + "clients, and for reads too long for a URL. Same meaning and limits as GET.");
        op.addParameter(
                header("Prefer", Json.string(), "count=exact adds the X-Total-Count header, as \"count\": true does."));
        op.requestBody(jsonBody(reads.listQuery(model), false));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        jsonResponse("The records, in order.", Json.array(reads.record(model)))
                                .addHeader("X-Total-Count", totalCount()));
        addErrors(op, BAD_REQUEST, SERVICE_UNAVAILABLE);
        return op;
    }

    private static Header totalCount() {
        return OASFactory.createHeader()
                .description("The number of records matching the filter, regardless of take and skip; only when asked "
                        + "for.")
                .schema(Json.integer());
    }

    private static Header etag() {
        return OASFactory.createHeader()
                .description("The record's version, for If-Match on PATCH, PUT and DELETE of this record.")
                .schema(Json.string());
    }

    private static Parameter ifMatch() {
        return header(
                "If-Match",
                Json.string(),
                "The record's ETag from a read: the write happens only if the record is still at that "
                        + "version (412 otherwise); * requires only that it exists.");
    }

    private Operation get(ApiModel model, ApiModel.UniqueKey key) {
        Operation op = op(model, "get", "Finds one " + model.name() + " by its id (findUnique)");
        op.parameters(idParameters(key));
        addShape(op, model);
        op.getResponses()
                .addAPIResponse(
                        "200", jsonResponse("The record.", reads.record(model)).addHeader("ETag", etag()));
        SoftDeleteDocs.describeRead(op, model);
        addErrors(op, BAD_REQUEST, NOT_FOUND, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation create(ApiModel model) {
        Operation op =
                op(model, "create", "Creates a " + model.name() + ", with nested writes of its relations (create)");
        addShape(op, model);
        op.requestBody(jsonBody(writes.createInput(model), true));
        op.getResponses()
                .addAPIResponse(
                        "201",
                        jsonResponse("The created record.", reads.record(model))
                                .addHeader(
                                        "Location",
                                        OASFactory.createHeader()
                                                .description("The URL of the created record.")
                                                .schema(Json.string().format("uri-reference")))
                                .addHeader("ETag", etag()));
        addErrors(op, BAD_REQUEST, NOT_FOUND, CONFLICT, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation createBulk(ApiModel model) {
        Operation op = op(
                model,
                "createBulk",
                "Creates many " + model.name()
                        + " records (createMany; createManyAndReturn when select, include or omit is given)");
        op.addParameter(
                query("skipDuplicates", Json.bool(), "true skips records that would violate a unique constraint."));
        addShape(op, model);
        op.requestBody(jsonBody(Json.array(writes.createManyInput(model)), true)
                .description("A JSON array of records (createMany). Or a bulk import, streamed into the "
                        + "database in one "
                        + "transaction, all or none, answered {\"count\": n}: application/x-ndjson, one "
                        + "record a line; text/csv, a header row of field names then one record a row (RFC "
                        + "4180; an unquoted empty field is NULL, \"\" the empty string; a list or Json "
                        + "value as JSON text). The body limit is then quarry.bulk.max-body-size; a bad "
                        + "record is a 400 with meta.line."));
        op.getRequestBody()
                .getContent()
                .addMediaType(Operations.NDJSON, OASFactory.createMediaType().schema(writes.createManyInput(model)))
                .addMediaType(Operations.CSV, OASFactory.createMediaType().schema(Json.string()));
        op.getResponses()
                .addAPIResponse(
                        "201",
                        jsonResponse(
                                "How many records were created, and the records when select, include or "
                                        + "omit asked for them.",
                                writes.bulkCreateResult(model)));
        addErrors(op, BAD_REQUEST, CONFLICT, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation update(ApiModel model, ApiModel.UniqueKey key) {
        Operation op = op(
                model,
                "update",
                "Changes one " + model.name() + ", with atomic number operations and nested writes (update)");
        op.parameters(idParameters(key));
        addShape(op, model);
        op.addParameter(ifMatch());
        op.requestBody(jsonBody(writes.updateInput(model), true));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        jsonResponse("The changed record.", reads.record(model)).addHeader("ETag", etag()));
        addErrors(op, BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation upsert(ApiModel model, ApiModel.UniqueKey key) {
        Operation op = op(
                model,
                "upsert",
                "Creates the " + model.name() + " with this id, or changes it when it exists (upsert)");
        op.parameters(idParameters(key));
        addShape(op, model);
        op.addParameter(ifMatch());
        op.requestBody(jsonBody(writes.upsertBody(model), true));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        jsonResponse("The record existed and was changed.", reads.record(model))
                                .addHeader("ETag", etag()));
        op.getResponses()
                .addAPIResponse(
                        "201",
                        jsonResponse("The record was created.", reads.record(model))
                                .addHeader("ETag", etag()));
        addErrors(op, BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation delete(ApiModel model, ApiModel.UniqueKey key) {
        Operation op = op(model, "delete", "Deletes one " + model.name() + " (delete)");
        op.parameters(idParameters(key));
        addShape(op, model);
        op.addParameter(header(
                "Prefer", Json.string(), "return=minimal answers 204 with no body instead of the deleted record."));
        op.addParameter(ifMatch());
        op.getResponses().addAPIResponse("200", jsonResponse("The deleted record.", reads.record(model)));
        op.getResponses()
                .addAPIResponse(
                        "204", OASFactory.createAPIResponse().description("Deleted (with Prefer: return=minimal)."));
        SoftDeleteDocs.describeDelete(op, model);
        addErrors(op, BAD_REQUEST, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation updateMany(ApiModel model) {
        Operation op = op(
                model,
                "updateMany",
                "Changes every " + model.name()
                        + " that matches the filter (updateMany; updateManyAndReturn when select, include or omit is "
                        + "given)");
        op.addParameter(filter(model).required(true));
        addShape(op, model);
        op.addParameter(header(
                "Prefer",
                Json.string(),
                "return=representation answers the changed records too, as select, include or omit do."));
        op.requestBody(jsonBody(writes.updateManyInput(model), true));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        jsonResponse(
                                "How many records changed, and the records when select, include or omit "
                                        + "asked for them.",
                                writes.bulkUpdateResult(model)));
        addErrors(op, BAD_REQUEST, CONFLICT, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation deleteMany(ApiModel model) {
        Operation op =
                op(model, "deleteMany", "Deletes every " + model.name() + " that matches the filter (deleteMany)");
        op.addParameter(filter(model).required(true));
        op.getResponses().addAPIResponse("200", jsonResponse("How many records were deleted.", shared.batchPayload()));
        SoftDeleteDocs.describeDelete(op, model);
        addErrors(op, BAD_REQUEST, CONFLICT, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation count(ApiModel model) {
        Operation op = op(model, "count", "Counts " + model.name() + " records (count)");
        op.parameters(window(model, false));
        op.addParameter(jsonQuery(
                "select",
                aggregates.countInput(model),
                "Counts non-null values per field instead of records, as JSON ({\"_all\": true, \"name\": "
                        + "true}); shorthand: _all,name."));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        jsonResponse(
                                "The number of records, or the counts per field when select is given.",
                                aggregates.countResult(model)));
        SoftDeleteDocs.describeRead(op, model);
        addErrors(op, BAD_REQUEST, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation aggregate(ApiModel model) {
        Operation op = op(model, "aggregate", "Aggregates " + model.name() + " records (aggregate)");
        op.parameters(window(model, false));
        addAggregateParameters(op, model);
        op.getResponses()
                .addAPIResponse("200", jsonResponse("The aggregates asked for.", aggregates.aggregateResult(model)));
        SoftDeleteDocs.describeRead(op, model);
        addErrors(op, BAD_REQUEST, SERVICE_UNAVAILABLE);
        return op;
    }

    private Operation groupBy(ApiModel model) {
        Operation op = op(model, "groupBy", "Groups " + model.name() + " records and aggregates each group (groupBy)");
        op.addParameter(jsonQuery(
                        "by",
                        Json.array(reads.scalarFieldEnum(model)),
                        "The fields whose values form a group, as a JSON array; shorthand: name,active.")
                .required(true));
        op.addParameter(filter(model));
        op.addParameter(jsonQuery(
                "having",
                aggregates.having(model),
                "Conditions on the groups, as JSON ({\"name\": {\"_count\": {\"gt\": 1}}})."));
        op.addParameter(jsonQuery(
                "orderBy",
                Json.array(aggregates.groupByOrderBy(model)),
                "How to sort the groups, as JSON (an object, or an array of them); shorthand: name:desc."));
        op.addParameter(query("take", shared.take(), "At most this many groups."));
        op.addParameter(query("skip", shared.skip(), "Skips this many groups first."));
        addAggregateParameters(op, model);
        op.getResponses()
                .addAPIResponse("200", jsonResponse("The groups.", Json.array(aggregates.groupByResult(model))));
        SoftDeleteDocs.describeRead(op, model);
        addErrors(op, BAD_REQUEST, SERVICE_UNAVAILABLE);
        return op;
    }

    private void addAggregateParameters(Operation op, ApiModel model) {
        op.addParameter(jsonQuery(
                "_count",
                aggregates.countInput(model),
                "Counts, as JSON ({\"_all\": true, \"field\": true}; true also means {\"_all\": true}); "
                        + "shorthand: _all,field."));
        for (String aggregate : AggregateTypes.aggregatesOf(model)) {
            op.addParameter(jsonQuery(
                    aggregate,
                    aggregates.aggregateInput(model, aggregate),
                    "The fields to aggregate, as JSON ({\"field\": true}); shorthand: field names "
                            + "separated by commas."));
        }
    }

    /** filter, orderBy, cursor, take, skip, distinct: which records, in which order. */
    private List<Parameter> window(ApiModel model, boolean distinct) {
        String firstField = model.scalars().get(0).name();
        List<Parameter> parameters = new ArrayList<>(List.of(
                filter(model),
                jsonQuery(
                        "orderBy",
                        reads.orderByList(model),
                        "Prisma's orderBy as JSON (an object, or an array of them; relations, _count, "
                                + "nulls first/last); "
                                + "shorthand: " + firstField
                                + ":desc,other (fields, each with an optional :asc or :desc).")));
        if (model.addressable()) {
            parameters.add(jsonQuery(
                    "cursor",
                    reads.whereUnique(model),
                    "Starts the page at this record: Prisma's cursor as JSON (a unique-field object); "
                            + "shorthand: the id value."));
        }
        parameters.add(query(
                "take",
                shared.take(),
                "At most this many records (negative: from the end, before the cursor). "
                        + "A value above the configured maximum is refused with 400, never cut short."));
        parameters.add(query("skip", shared.skip(), "Skips this many records first."));
        if (distinct) {
            parameters.add(jsonQuery(
                    "distinct",
                    Json.array(reads.scalarFieldEnum(model)),
                    "Keeps the first record of each combination of these fields, as a JSON array; " + "shorthand: "
                            + firstField + ",other."));
        }
        return parameters;
    }

    private Parameter filter(ApiModel model) {
        String example = model.scalars().get(0).name();
        return jsonQuery(
                "filter",
                reads.where(model),
                "Prisma's where, as JSON ({\"" + example
                        + "\": {\"equals\": …}}). Shorthand: one parameter per condition, " + "filter[" + example
                        + "]=value for equality and filter[" + example + "][gte]=value for an operator.");
    }

    private void addShape(Operation op, ApiModel model) {
        op.addParameter(jsonQuery(
                "select",
                reads.select(model),
                "Prisma's select as JSON (nested, with where/orderBy/take inside relations); shorthand: "
                        + "field names separated by commas."));
        if (!model.relations().isEmpty()) {
            String relation = model.relations().get(0).name();
            op.addParameter(jsonQuery(
                    "include",
                    reads.include(model),
                    "Prisma's include as JSON (nested, with where/orderBy/take, _count); shorthand: " + relation
                            + ",other."));
        }
        op.addParameter(jsonQuery(
                "omit", reads.omit(model), "Prisma's omit as JSON; shorthand: field names separated by commas."));
    }

    private List<Parameter> idParameters(ApiModel.UniqueKey key) {
        String note = key.compound()
                ? " Part of the compound id ("
                        + String.join(
                                ", ",
                                key.fields().stream().map(ScalarField::name).toList())
                        + "): the values in this order, each percent-encoded (a comma inside a value is %2C), joined "
                        + "by commas."
                : "";
        return key.fields().stream()
                .map(f -> path(f.name(), values.single(f.type()), "The " + f.name() + " of the record." + note))
                .toList();
    }
}
