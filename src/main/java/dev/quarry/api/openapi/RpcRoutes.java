package dev.quarry.api.openapi;

import static dev.quarry.api.openapi.Operations.addErrors;
import static dev.quarry.api.openapi.Operations.jsonBody;
import static dev.quarry.api.openapi.Operations.jsonResponse;
import static dev.quarry.api.openapi.Operations.operation;
import static dev.quarry.api.openapi.Operations.recordsResponse;
import static dev.quarry.api.openapi.Problems.Status.BAD_REQUEST;
import static dev.quarry.api.openapi.Problems.Status.CONFLICT;
import static dev.quarry.api.openapi.Problems.Status.NOT_FOUND;
import static dev.quarry.api.openapi.Problems.Status.SERVICE_UNAVAILABLE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The RPC surface (API.md "RPC surface"): {@code POST /api/rpc/{delegate}/{operation}}, one path per
 * delegate and operation so that each has its typed body, and {@code POST /api/rpc/$transaction}.
 * Operation ids are Prisma Client's calls, {@code user.findMany}.
 */
final class RpcRoutes {

    static final List<String> OPERATIONS = List.of("findMany", "findFirst", "findUnique", "create", "createMany",
            "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany", "count", "aggregate", "groupBy");
    private static final List<String> READS = List.of("findMany", "findFirst", "findUnique", "count", "aggregate", "groupBy");
    private static final List<String> NEED_UNIQUE_KEY = List.of("findUnique", "update", "upsert", "delete");

    private final String basePath;
    private final Components components;
    private final Shared shared;
    private final ReadTypes reads;
    private final WriteTypes writes;
    private final AggregateTypes aggregates;

    RpcRoutes(String basePath, Components components, Shared shared, ReadTypes reads, WriteTypes writes, AggregateTypes aggregates) {
        this.basePath = basePath;
        this.components = components;
        this.shared = shared;
        this.reads = reads;
        this.writes = writes;
        this.aggregates = aggregates;
    }

    /** The operations a model offers: views only read; models without a unique key cannot be addressed one by one. */
    static List<String> operationsOf(ApiModel model) {
        return OPERATIONS.stream()
                .filter(op -> !model.view() || READS.contains(op))
                .filter(op -> model.addressable() || !NEED_UNIQUE_KEY.contains(op))
                .toList();
    }

    Map<String, PathItem> paths(ApiModel model) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        for (String name : operationsOf(model)) {
            paths.put(basePath + "/rpc/" + model.delegate() + "/" + name, OASFactory.createPathItem().POST(rpcOperation(model, name)));
        }
        return paths;
    }

    private Operation rpcOperation(ApiModel model, String name) {
        Operation op = operation(model.delegate() + "." + name, "rpc." + model.delegate(),
                "prisma." + model.delegate() + "." + name + "(args)");
        Schema record = reads.record(model);
        switch (name) {
            case "findMany":
                op.requestBody(jsonBody(reads.findManyArgs(model), false));
                op.getResponses().addAPIResponse("200", recordsResponse("The records, in order.", record, false));
                break;
            case "findFirst":
                respond(op, reads.findManyArgs(model), false, "The first matching record, or null.", Json.nullable(reads.record(model)));
                break;
            case "findUnique":
                respond(op, reads.findUniqueArgs(model), true, "The record, or null.", Json.nullable(reads.record(model)));
                break;
            case "create":
                respond(op, writes.createArgs(model), true, "The created record.", record);
                break;
            case "createMany":
                respond(op, writes.createManyArgs(model), true, "How many records were created.", shared.batchPayload());
                break;
            case "createManyAndReturn":
                respond(op, writes.createManyAndReturnArgs(model), true, "The created records.", Json.array(record));
                break;
            case "update":
                respond(op, writes.updateArgs(model), true, "The changed record.", record);
                break;
            case "updateMany":
                respond(op, writes.updateManyArgs(model), true, "How many records changed.", shared.batchPayload());
                break;
            case "updateManyAndReturn":
                respond(op, writes.updateManyAndReturnArgs(model), true, "The changed records.", Json.array(record));
                break;
            case "upsert":
                respond(op, writes.upsertArgs(model), true, "The created or changed record.", record);
                break;
            case "delete":
                respond(op, writes.deleteArgs(model), true, "The deleted record.", record);
                break;
            case "deleteMany":
                respond(op, writes.deleteManyArgs(model), false, "How many records were deleted.", shared.batchPayload());
                break;
            case "count":
                respond(op, aggregates.countArgs(model), false, "The number of records, or the counts per field when select is given.",
                        aggregates.countResult(model));
                break;
            case "aggregate":
                respond(op, aggregates.aggregateArgs(model), false, "The aggregates asked for.", aggregates.aggregateResult(model));
                break;
            case "groupBy":
                respond(op, aggregates.groupByArgs(model), true, "The groups.", Json.array(aggregates.groupByResult(model)));
                break;
            default:
                throw new IllegalArgumentException("no operation " + name);
        }
        List<Problems.Status> errors = new ArrayList<>(List.of(BAD_REQUEST));
        if (List.of("create", "update", "upsert", "delete").contains(name)) {
            errors.add(NOT_FOUND);
        }
        if (!READS.contains(name)) {
            errors.add(CONFLICT);
        }
        errors.add(SERVICE_UNAVAILABLE);
        addErrors(op, errors.toArray(Problems.Status[]::new));
        return op;
    }

    private static void respond(Operation op, Schema args, boolean bodyRequired, String description, Schema result) {
        op.requestBody(jsonBody(args, bodyRequired));
        op.getResponses().addAPIResponse("200", jsonResponse(description, result));
    }

    /** {@code POST /api/rpc/$transaction}: the operations run in order, in one transaction; all or nothing. */
    Map<String, PathItem> transaction(List<ApiModel> models) {
        Schema step = components.ref("TransactionOperation", () -> Json.object(
                        "delegate", Json.stringEnum(models.stream().map(ApiModel::delegate).toList()),
                        "operation", Json.stringEnum(OPERATIONS),
                        "args", Json.object().description("The operation's argument object, as in POST /api/rpc/{delegate}/{operation}."))
                .required(List.of("delegate", "operation"))
                .description("One operation of a transaction."));
        Schema body = Json.array(step);
        Operation op = operation("rpc.transaction", "rpc", "prisma.$transaction([...]): runs the operations atomically")
                .description("Runs the operations in order in one database transaction; when one fails, none has effect "
                        + "and the error of the failing one is returned. The body may also be {\"operations\": [...], \"isolationLevel\": "
                        + "\"ReadUncommitted|ReadCommitted|RepeatableRead|Serializable\", \"maxWait\": ms, \"timeout\": ms}, Prisma's transaction "
                        + "options: a serialization failure is then P2034 (409), a transaction over its timeout P2028 (408).");
        op.requestBody(jsonBody(body, true));
        op.getResponses().addAPIResponse("200", jsonResponse("The result of each operation, in order.", Json.array(Json.any())));
        addErrors(op, BAD_REQUEST, NOT_FOUND, CONFLICT, SERVICE_UNAVAILABLE);
        return Map.of(basePath + "/rpc/$transaction", OASFactory.createPathItem().POST(op));
    }
}
