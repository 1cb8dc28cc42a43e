package dev.quarry.api.openapi;

import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Constructors of operations, parameters, bodies and responses shared by both surfaces. */
final class Operations {

    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";
    static final String CSV = "text/csv";

    private Operations() {}

    static Operation operation(String operationId, String tag, String summary) {
        return OASFactory.createOperation()
                .operationId(operationId)
                .tags(List.of(tag))
                .summary(summary)
                .responses(OASFactory.createAPIResponses());
    }

    static APIResponse jsonResponse(String description, Schema schema) {
        return OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(JSON, OASFactory.createMediaType().schema(schema)));
    }

    /**
     * A findMany's answer, also as a stream ({@code Accept}, see README "Large reads"): NDJSON, one record a line,
     * and with {@code csv} CSV for flat selections (RFC 4180, a header row from the selection).
     */
    static APIResponse recordsResponse(String description, Schema record, boolean csv) {
        APIResponse response = jsonResponse(
                description + " As application/x-ndjson: one record a line, streamed"
                        + (csv
                                ? "; as text/csv (flat selections only): a header row from the selection, "
                                        + "then one row a record."
                                : "."),
                Json.array(record));
        response.getContent().addMediaType(NDJSON, OASFactory.createMediaType().schema(record));
        if (csv) {
            response.getContent().addMediaType(CSV, OASFactory.createMediaType().schema(Json.string()));
        }
        return response;
    }

    static RequestBody jsonBody(Schema schema, boolean required) {
        return OASFactory.createRequestBody()
                .required(required)
                .content(OASFactory.createContent()
                        .addMediaType(JSON, OASFactory.createMediaType().schema(schema)));
    }

    /**
     * The given error responses and those every API operation may answer (token refused, database refused, request
     * target too long; a body too large or not JSON where the operation takes one), in status order.
     */
    static void addErrors(Operation operation, Problems.Status... statuses) {
        EnumSet<Problems.Status> all =
                EnumSet.of(Problems.Status.UNAUTHORIZED, Problems.Status.FORBIDDEN, Problems.Status.URI_TOO_LONG);
        if (operation.getRequestBody() != null) {
            all.addAll(List.of(Problems.Status.PAYLOAD_TOO_LARGE, Problems.Status.UNSUPPORTED_MEDIA_TYPE));
        }
        all.addAll(List.of(statuses));
        for (Problems.Status status : all) {
            operation.getResponses().addAPIResponse(status.code, Problems.ref(status));
        }
    }

    /**
     * A query parameter whose value is JSON ({@code content: application/json}); the description gives its
     * shorthand.
     */
    static Parameter jsonQuery(String name, Schema schema, String description) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.QUERY)
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(JSON, OASFactory.createMediaType().schema(schema)));
    }

    static Parameter query(String name, Schema schema, String description) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.QUERY)
                .description(description)
                .schema(schema);
    }

    static Parameter header(String name, Schema schema, String description) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.HEADER)
                .description(description)
                .schema(schema);
    }

    static Parameter path(String name, Schema schema, String description) {
        return OASFactory.createParameter()
                .name(name)
                .in(Parameter.In.PATH)
                .required(true)
                .description(description)
                .schema(schema);
    }
}
