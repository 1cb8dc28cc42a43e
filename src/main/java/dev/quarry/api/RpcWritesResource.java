package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Json;
import dev.quarry.query.write.WriteArgs;
import dev.quarry.query.write.WriteOperation;
import dev.quarry.schema.model.Model;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The write operations of the RPC surface, {@code POST /api/rpc/{delegate}/{create|…|deleteMany}}, and
 * {@code POST /api/rpc/$transaction} (and {@code $transaction/withOptions}). The operation is a regular-expression
 * template, so these routes win over the read resource's {@code {delegate}/{operation}}. Answers are Prisma Client's
 * results, 200.
 */
@Path("/api/rpc")
public class RpcWritesResource {

    @Inject
    WriteService writes;

    @Inject
    ModelRoutes routes;

    @POST
    @Path("{delegate}/{operation: "
            + "create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> call(
            @PathParam("delegate") String delegate, @PathParam("operation") String operationName, String body) {
        Model model = routes.byDelegate(delegate);
        WriteOperation operation = WriteOperation.fromClientName(operationName)
                .orElseThrow(() ->
                        QueryErrors.unknownOperation(ArgPath.of("path"), operationName, WriteOperation.clientNames()));
        return writes.write(model, WriteArgs.ofBody(operation, RpcReadsResource.parseBody(body)))
                .map(result ->
                        Response.ok(result.body(), MediaType.APPLICATION_JSON).build());
    }

    @POST
    @Path("{transaction: \\$transaction}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> transaction(String body) {
        if (body == null || body.isBlank()) {
            throw QueryErrors.missingArgument(ArgPath.of("body"), "an array of operations", List.of());
        }
        return writes.transaction(Json.parse(body, ArgPath.of("body")))
                .map(result -> Response.ok(result, MediaType.APPLICATION_JSON).build());
    }

    /**
     * {@code POST /api/rpc/$transaction/withOptions}: the object form alone ({@code {operations, isolationLevel,
     * maxWait, timeout}}), a route of its own so that generated clients, which cannot send one body of two shapes,
     * have a typed call for each form.
     */
    @POST
    @Path("{transaction: \\$transaction}/withOptions")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> transactionWithOptions(String body) {
        String expected = "an object {\"operations\": [...], \"isolationLevel\", \"maxWait\", \"timeout\"}";
        if (body == null || body.isBlank()) {
            throw QueryErrors.missingArgument(ArgPath.of("body"), expected, List.of());
        }
        JsonNode options = Json.parse(body, ArgPath.of("body"));
        if (!options.isObject()) {
            throw QueryErrors.wrongType(ArgPath.of("body"), expected);
        }
        return writes.transaction(options)
                .map(result -> Response.ok(result, MediaType.APPLICATION_JSON).build());
    }
}
