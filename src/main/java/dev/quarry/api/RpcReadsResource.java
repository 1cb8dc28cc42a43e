package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.schema.model.Model;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The read operations of the RPC surface: {@code POST /api/rpc/{delegate}/{operation}} with Prisma's argument
 * object as the body.
 */
@Path("/api/rpc")
public class RpcReadsResource {

    @Inject
    ReadService reads;

    @Inject
    ModelRoutes routes;

    @POST
    @Path("{delegate}/{operation}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> call(
            @PathParam("delegate") String delegate, @PathParam("operation") String operationName, String body) {
        Model model = routes.byDelegate(delegate);
        Operation operation = Operation.fromClientName(operationName)
                .orElseThrow(
                        () -> QueryErrors.unknownOperation(ArgPath.of("path"), operationName, Operation.clientNames()));
        ObjectNode args = parseBody(body);
        return reads.read(model, ReadArgs.ofBody(operation, args), false).map(r -> {
            if (operation.orThrow() && r.body().equals("null")) {
                throw ApiException.notFound(model.name(), "No " + model.name() + " found");
            }
            return ResourceReadsResource.ok(r);
        });
    }

    static ObjectNode parseBody(String body) {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node = Json.parse(body, ArgPath.of("body"));
        if (!node.isObject()) {
            throw QueryErrors.wrongType(ArgPath.of("body"), "a JSON object (Prisma's argument object)");
        }
        return (ObjectNode) node;
    }
}
