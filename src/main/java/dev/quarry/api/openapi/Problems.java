package dev.quarry.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** RFC 9457 problem details (API.md "Errors") and the error responses that carry them, one per status. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    enum Status {
        BAD_REQUEST(
                "400",
                "BadRequest",
                "A bad query parameter or body (unknown field or operator, wrong type, malformed JSON), "
                        + "or a required value missing (P2011, P2012), arguments valid alone but not together "
                        + "(P2019), a table or column the database lacks (P2021, P2022), a nested selection asked "
                        + "for as text/csv (Q160). meta names the parameter, the JSON path inside it and what is "
                        + "allowed there. Over a limit, nothing runs or the answer is withheld: Q106 take above "
                        + "quarry.api.max-take, Q107 includes nested deeper than quarry.api.max-depth, Q120 more "
                        + "filter nodes than quarry.api.max-filter-nodes, Q130 a list of the answer without take has "
                        + "more than quarry.api.max-rows rows (meta.path names it, such as $[*].posts: page it with "
                        + "take and cursor), Q131 the answer is over quarry.api.max-response-bytes, Q132 skip above "
                        + "quarry.api.max-skip, Q133 a list of values (in, notIn, hasSome, …) longer than "
                        + "quarry.api.max-list-values, Q134 a $transaction of more than "
                        + "quarry.api.max-transaction-operations operations; Q105 a $transaction timeout or maxWait "
                        + "above the server's bound. A bulk import (POST /api/{model}/bulk with application/x-ndjson "
                        + "or text/csv) answers its first bad record's error with meta.line, the 1-based line of the "
                        + "body where the record starts, and writes nothing: Q170 a line that is not one JSON "
                        + "object, Q171 CSV that does not parse, else the create's own code. Q180: a value breaks a "
                        + "data rule of the schema (@email, @length, @gt, @@validate, …), found before the statement "
                        + "(meta.path, and the rule as written in meta.allowed) or by the rule's CHECK constraint "
                        + "(meta.field, meta.rule, meta.constraint); nothing was written."),
        UNAUTHORIZED(
                "401",
                "Unauthorized",
                "The bearer token is missing (and no anonymous role is configured), expired, not yet "
                        + "valid, "
                        + "for another issuer or audience, badly signed or malformed; meta.reason says which "
                        + "(token-expired, token-signature, …). token-role: the token names a role no request may "
                        + "run as (none, the connecting login, a superuser, a role with BYPASSRLS, a pg_* role, one "
                        + "the database lacks, or one outside quarry.auth.roles)."),
        FORBIDDEN(
                "403",
                "Forbidden",
                "The database refused the request's role: no GRANT for the operation (meta.reason "
                        + "privilege), "
                        + "or a row-level security policy rejected a written row (meta.reason row-level-security). "
                        + "Nothing was changed. Q190: withDeleted asked for by a role outside "
                        + "quarry.soft-delete.roles (meta.role, meta.allowed)."),
        NOT_FOUND("404", "NotFound", "The record to find, update or delete does not exist (P2025)."),
        REQUEST_TIMEOUT("408", "RequestTimeout", "The transaction ran over its timeout and was rolled back (P2028)."),
        CONFLICT(
                "409",
                "Conflict",
                "A unique constraint (P2002, meta.target names the fields) or a foreign key (P2003) would "
                        + "be "
                        + "violated."),
        PRECONDITION_FAILED(
                "412",
                "PreconditionFailed",
                "If-Match named another version of the record than the current one (its ETag); "
                        + "nothing was changed. Read the record again and retry with its ETag."),
        PAYLOAD_TOO_LARGE(
                "413",
                "PayloadTooLarge",
                "The request body is over the configured maximum (meta.maxBytes): Q413 "
                        + "quarkus.http.limits.max-body-size; "
                        + "Q172 a bulk import's body over quarry.bulk.max-body-size (nothing was written)."),
        URI_TOO_LONG(
                "414",
                "UriTooLong",
                "The request target is over the configured maximum (meta.maxLength); "
                        + "a list read can send its parameters as a JSON body to POST /api/{model}/_query instead."),
        UNSUPPORTED_MEDIA_TYPE(
                "415",
                "UnsupportedMediaType",
                "The request body is not declared as JSON (Content-Type: application/json); "
                        + "POST /api/{model}/bulk also takes application/x-ndjson and text/csv."),
        SERVICE_UNAVAILABLE(
                "503",
                "ServiceUnavailable",
                "The database is unreachable or overloaded; retry after the Retry-After header's seconds. "
                        + "code schema-behind: the database lacks migrations this service was built with "
                        + "(meta.pending lists them); it answers once they are applied (quarry migrate deploy). "
                        + "Q161: a stream ran over quarry.stream.timeout (its last NDJSON line).");

        final String code;
        final String component;
        final String description;

        Status(String code, String component, String description) {
            this.code = code;
            this.component = component;
            this.description = description;
        }
    }

    private Problems() {}

    static Schema problemSchema() {
        Schema meta = Json.object()
                .additionalPropertiesSchema(Json.any())
                .description("Details of the error: for a bad request, the parameter, the JSON path inside it and what "
                        + "is allowed there.");
        return Json.object(
                        "type", Json.string().format("uri-reference").description("Identifies the kind of problem."),
                        "title", Json.string().description("A short summary of the kind of problem."),
                        "status", Json.integer().description("The HTTP status code."),
                        "detail", Json.string().description("What went wrong in this request."),
                        "code",
                                Json.string()
                                        .description("Prisma's error code where one exists (P2002, P2025, …), "
                                                + "else a Quarry code."),
                        "meta", meta)
                .required(List.of("type", "title", "status", "code"))
                .description("An error, as RFC 9457 problem details.");
    }

    static Map<String, APIResponse> responses() {
        Map<String, APIResponse> responses = new LinkedHashMap<>();
        for (Status status : Status.values()) {
            APIResponse response = OASFactory.createAPIResponse()
                    .description(status.description)
                    .content(OASFactory.createContent()
                            .addMediaType(
                                    MEDIA_TYPE, OASFactory.createMediaType().schema(Json.ref("Problem"))));
            if (status == Status.UNAUTHORIZED) {
                response.addHeader(
                        "WWW-Authenticate",
                        OASFactory.createHeader()
                                .description("Bearer, with error=\"invalid_token\" and an error_description "
                                        + "when a token was " + "refused.")
                                .schema(Json.string()));
            }
            if (status == Status.SERVICE_UNAVAILABLE) {
                response.addHeader(
                        "Retry-After",
                        OASFactory.createHeader()
                                .description("Seconds to wait before retrying.")
                                .schema(Json.integer()));
            }
            responses.put(status.component, response);
        }
        return responses;
    }

    static APIResponse ref(Status status) {
        return OASFactory.createAPIResponse().ref(status.component);
    }
}
