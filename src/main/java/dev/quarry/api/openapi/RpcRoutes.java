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

import java.math.BigDecimal;
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

    static final List<String> OPERATIONS = List.of(
            "findMany",
            "findFirst",
            "findUnique",
            "create",
            "createMany",
            "createManyAndReturn",
            "update",
            "updateMany",
            "updateManyAndReturn",
            "upsert",
            "delete",
            "deleteMany",
            "count",
            "aggregate",
            "groupBy");
    private static final List<String> READS =
            List.of("findMany", "findFirst", "findUnique", "count", "aggregate", "groupBy");
    private static final String TRANSACTION = "Runs the operations in order in one database transaction; when one "
            + "fails, none has effect and the error of the failing one is returned.";

    private static final List<String> NEED_UNIQUE_KEY = List.of("findUnique", "update", "upsert", "delete");

    private final String basePath;
    private final Components components;
    private final Shared shared;
    private final ReadTypes reads;
    private final WriteTypes writes;
    private final AggregateTypes aggregates;

    RpcRoutes(
            String basePath,
            Components components,
            Shared shared,
            ReadTypes reads,
            WriteTypes writes,
            AggregateTypes aggregates) {
        this.basePath = basePath;
        this.components = components;
        this.shared = shared;
        this.reads = reads;
        this.writes = writes;
        this.aggregates = aggregates;
    }

    /**
     * The operations a model offers: views only read; models without a unique key cannot be addressed one by one.
     */
    static List<String> operationsOf(ApiModel model) {
        return OPERATIONS.stream()
                .filter(op -> !model.view() || READS.contains(op))
                .filter(op -> model.addressable() || !NEED_UNIQUE_KEY.contains(op))
                .toList();
    }

    Map<String, PathItem> paths(ApiModel model) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        for (String name : operationsOf(model)) {
            paths.put(
                    basePath + "/rpc/" + model.delegate() + "/" + name,
                    OASFactory.createPathItem().POST(rpcOperation(model, name)));
        }
        return paths;
    }

    private Operation rpcOperation(ApiModel model, String name) {
        Operation op = operation(
                model.delegate() + "." + name,
                "rpc." + model.delegate(),
                "prisma." + model.delegate() + "." + name + "(args)");
        Call call = call(model, name);
        if (READS.contains(name)) {
            SoftDeleteDocs.describeRpcRead(op, model);
        } else if (name.startsWith("delete")) {
            SoftDeleteDocs.describeDelete(op, model);
        }
        op.requestBody(jsonBody(call.args(), call.bodyRequired()));
        op.getResponses()
                .addAPIResponse(
                        "200",
                        name.equals("findMany")
                                ? recordsResponse(call.description(), reads.record(model), false)
                                : jsonResponse(call.description(), call.result()));
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

    /** One operation's argument object and answer. */
    private record Call(Schema args, boolean bodyRequired, String description, Schema result) {}

    private Call call(ApiModel model, String name) {
        Schema record = reads.record(model);
        switch (name) {
            case "findMany":
                return new Call(reads.findManyArgs(model), false, "The records, in order.", Json.array(record));
            case "findFirst":
                return new Call(
                        reads.findFirstArgs(model),
                        false,
                        "The first matching record, or null.",
                        Json.nullable(reads.record(model)));
            case "findUnique":
                return new Call(
                        reads.findUniqueArgs(model), true, "The record, or null.", Json.nullable(reads.record(model)));
            case "create":
                return new Call(writes.createArgs(model), true, "The created record.", record);
            case "createMany":
                return new Call(
                        writes.createManyArgs(model), true, "How many records were created.", shared.batchPayload());
            case "createManyAndReturn":
                return new Call(
                        writes.createManyAndReturnArgs(model), true, "The created records.", Json.array(record));
            case "update":
                return new Call(writes.updateArgs(model), true, "The changed record.", record);
            case "updateMany":
                return new Call(writes.updateManyArgs(model), true, "How many records changed.", shared.batchPayload());
            case "updateManyAndReturn":
                return new Call(
                        writes.updateManyAndReturnArgs(model), true, "The changed records.", Json.array(record));
            case "upsert":
                return new Call(writes.upsertArgs(model), true, "The created or changed record.", record);
            case "delete":
                return new Call(writes.deleteArgs(model), true, "The deleted record.", record);
            case "deleteMany":
                return new Call(
                        writes.deleteManyArgs(model), false, "How many records were deleted.", shared.batchPayload());
            case "count":
                return new Call(
                        aggregates.countArgs(model),
                        false,
                        "The number of records, or the counts per field when select is given.",
                        aggregates.countResult(model));
            case "aggregate":
                return new Call(
                        aggregates.aggregateArgs(model),
                        false,
                        "The aggregates asked for.",
                        aggregates.aggregateResult(model));
            case "groupBy":
                return new Call(
                        aggregates.groupByArgs(model),
                        true,
                        "The groups.",
                        Json.array(aggregates.groupByResult(model)));
            default:
                throw new IllegalArgumentException("no operation " + name);
        }
    }

    /**
     * {@code POST /api/rpc/$transaction}: the operations run in order, in one transaction; all or nothing. Each
     * operation is one of a union of the delegates' calls, told apart by its delegate and operation, each with its
     * own argument type.
     */
    Map<String, PathItem> transaction(List<ApiModel> models) {
        Schema step = components.ref("TransactionOperation", () -> {
            Schema union = OASFactory.createSchema()
                    .description("One operation of a transaction: a delegate's call and its arguments.");
            for (ApiModel model : models) {
                for (String name : operationsOf(model)) {
                    union.addOneOf(transactionStep(model, name));
                }
            }
            return union;
        });
        Schema operations = components.ref(
                "TransactionOperations", () -> Json.array(step).description("The operations, run in order."));
        Schema withOptions = components.ref(
                "TransactionOptions",
                () -> Json.object(
                                "operations", operations,
                                "isolationLevel",
                                        Json.stringEnum(List.of(
                                                "ReadUncommitted", "ReadCommitted", "RepeatableRead", "Serializable")),
                                "maxWait",
                                        Json.integer()
                                                .minimum(BigDecimal.ONE)
                                                .description("Milliseconds to wait for a connection."),
                                "timeout",
                                        Json.integer()
                                                .minimum(BigDecimal.ONE)
                                                .description("Milliseconds the transaction may take."))
                        .required(List.of("operations"))
                        .additionalPropertiesBoolean(false)
                        .description("The operations with Prisma's transaction options: a serialization failure "
                                + "is then P2034 "
                                + "(409), "
                                + "a transaction over its timeout P2028 (408)."));
        // each form has its route: typescript-fetch cannot compile a oneOf holding the union of operations, nor
        // the java generator a oneOf of an array and an object
        Operation array = transactionOperation(
                "rpc.transaction",
                "prisma.$transaction([...]): runs the operations atomically",
                "The body is the array of operations; $transaction/withOptions takes them with Prisma's "
                        + "transaction options.",
                Json.array(step).description("The operations, run in order."));
        Operation options = transactionOperation(
                "rpc.transactionWithOptions",
                "prisma.$transaction([...], {isolationLevel, maxWait, timeout}): runs the operations atomically, "
                        + "with transaction options",
                "The body is the operations with Prisma's transaction options; the same as the object form of "
                        + "$transaction's body.",
                withOptions);
        Map<String, PathItem> paths = new LinkedHashMap<>();
        paths.put(basePath + "/rpc/$transaction", OASFactory.createPathItem().POST(array));
        paths.put(
                basePath + "/rpc/$transaction/withOptions",
                OASFactory.createPathItem().POST(options));
        return paths;
    }

    private Operation transactionOperation(String id, String summary, String body, Schema bodySchema) {
        Operation op = operation(id, "rpc", summary).description(TRANSACTION + " " + body);
        op.requestBody(jsonBody(bodySchema, true));
        op.getResponses()
                .addAPIResponse("200", jsonResponse("The result of each operation, in order.", Json.array(Json.any())));
        addErrors(op, BAD_REQUEST, NOT_FOUND, Problems.Status.REQUEST_TIMEOUT, CONFLICT, SERVICE_UNAVAILABLE);
        return op;
    }

    private Schema transactionStep(ApiModel model, String name) {
        String component = model.name() + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Operation";
        return components.ref(component, () -> {
            Call call = call(model, name);
            return Json.object(
                            "delegate", Json.stringEnum(List.of(model.delegate())),
                            "operation", Json.stringEnum(List.of(name)),
                            "args", call.args())
                    .required(
                            call.bodyRequired()
                                    ? List.of("delegate", "operation", "args")
                                    : List.of("delegate", "operation"))
                    .additionalPropertiesBoolean(false)
                    .description("prisma." + model.delegate() + "." + name + "(args) in a transaction.");
        });
    }
}
