package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.error.ErrorCode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.args.ResourceArgs;
import dev.quarry.query.exec.QueryResult;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.PrimaryKey;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read routes of the resource surface: {@code GET /api/users} (findMany), {@code /api/users/{id}} (findUnique
 * by
 * {@code @id}; a compound id is its values in {@code @@id} order, comma-separated, each URL-encoded), and
 * {@code /api/users/_count}, {@code /_aggregate}, {@code /_groupBy}.
 */
@Path("/api")
public class ResourceReadsResource {

    @Inject
    ReadService reads;

    @Inject
    ModelRoutes routes;

    @GET
    @Path("{route}")
    public Uni<Response> findMany(
            @PathParam("route") String route, @Context UriInfo uri, @HeaderParam("Prefer") String prefer) {
        Model model = routes.byRoute(route);
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        boolean withTotal = wantsTotal(params, prefer);
        ReadArgs args = ResourceArgs.parse(Operation.FIND_MANY, params);
        return reads.read(model, args, withTotal).map(r -> ok(r));
    }

    /**
     * {@code POST /api/users/_query}: the list read with its parameters as a JSON body ({@code {"filter": {…},
     * "take": 10, "count": true}}), for generated clients, which cannot send JSON inside a query string, and for
     * reads too long for a URL.
     */
    @POST
    @Path("{route}/_query")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> query(@PathParam("route") String route, @HeaderParam("Prefer") String prefer, String body) {
        Model model = routes.byRoute(route);
        ObjectNode parameters = RpcReadsResource.parseBody(body);
        JsonNode count = parameters.remove("count");
        if (count != null && !count.isBoolean()) {
            throw QueryErrors.wrongType(ArgPath.of("body").key("count"), "true or false");
        }
        boolean withTotal =
                (count != null && count.booleanValue()) || (prefer != null && prefer.contains("count=exact"));
        return reads.read(model, ResourceArgs.ofQueryBody(Operation.FIND_MANY, parameters), withTotal)
                .map(ResourceReadsResource::ok);
    }

    @GET
    @Path("{route}/{id}")
    public Uni<Response> findOne(
            @PathParam("route") String route,
            @Encoded @PathParam("id") String id,
            @Context UriInfo uri,
            @HeaderParam("Prefer") String prefer) {
        Model model = routes.byRoute(route);
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        switch (id) {
            case "_count":
                return reads.read(model, ResourceArgs.parse(Operation.COUNT, params), false)
                        .map(ResourceReadsResource::ok);
            case "_aggregate":
                return reads.read(model, ResourceArgs.parse(Operation.AGGREGATE, params), false)
                        .map(ResourceReadsResource::ok);
            case "_groupBy": {
                boolean withTotal = wantsTotal(params, prefer);
                return reads.read(model, ResourceArgs.parse(Operation.GROUP_BY, params), withTotal)
                        .map(ResourceReadsResource::ok);
            }
            default:
                break;
        }
        if (id.startsWith("_")) {
            throw new ApiException(
                    ErrorCode.RESERVED_PATH,
                    "Paths below a model that start with _ are reserved: _count, _aggregate, _groupBy, and "
                            + "_query (POST)",
                    Map.of("path", id));
        }
        ReadArgs parsed = ResourceArgs.parse(Operation.FIND_UNIQUE, params);
        ObjectNode args = parsed.args().deepCopy();
        args.set("where", idWhere(model, id));
        Map<String, ArgPath> origins = new HashMap<>(parsed.origins());
        origins.put("where", ArgPath.ofText("id"));
        return reads.readWithTag(model, new ReadArgs(Operation.FIND_UNIQUE, args, origins))
                .map(r -> {
                    if (r.body().equals("null")) {
                        throw ApiException.notFound(model.name(), "No " + model.name() + " with id " + id);
                    }
                    Response.ResponseBuilder b = Response.ok(r.body(), MediaType.APPLICATION_JSON);
                    r.tag().ifPresent(tag -> b.header("ETag", "\"" + tag + "\""));
                    return b.build();
                });
    }

    static ObjectNode idWhere(Model model, String id) {
        PrimaryKey pk = model.primaryKey()
                .orElseThrow(() -> QueryErrors.invalid(ArgPath.of("id"), model.name() + " has no @id", List.of()));
        List<String> fields = pk.fieldNames();
        String[] parts = id.split(",", -1);
        String decoded = URLDecoder.decode(id, StandardCharsets.UTF_8);
        if (parts.length != fields.size() && decoded.split(",", -1).length == fields.size()) {
            // the separator itself was encoded (%2C): unambiguous only when no value holds a comma
            parts = decoded.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = URLEncoder.encode(parts[i], StandardCharsets.UTF_8);
            }
        }
        if (parts.length != fields.size()) {
            throw QueryErrors.invalid(
                    ArgPath.of("id"),
                    model.name() + "'s id has " + fields.size() + " parts, comma-separated in this order",
                    fields);
        }
        ObjectNode where = JsonNodeFactory.instance.objectNode();
        ObjectNode target = where;
        if (fields.size() > 1) {
            target = where.putObject(pk.name().orElse(String.join("_", fields)));
        }
        for (int i = 0; i < parts.length; i++) {
            target.put(fields.get(i), URLDecoder.decode(parts[i], StandardCharsets.UTF_8));
        }
        return where;
    }

    static boolean wantsTotal(Map<String, List<String>> params, String prefer) {
        List<String> count = params.remove("count");
        boolean byParam = count != null && count.size() == 1 && count.get(0).equals("true");
        if (count != null && !byParam && !(count.size() == 1 && count.get(0).equals("false"))) {
            throw QueryErrors.invalid(ArgPath.ofText("count"), "count must be true or false", List.of("true", "false"));
        }
        return byParam || (prefer != null && prefer.contains("count=exact"));
    }

    static Response ok(QueryResult r) {
        Response.ResponseBuilder b = Response.ok(r.body(), MediaType.APPLICATION_JSON);
        r.total().ifPresent(t -> b.header("X-Total-Count", t));
        return b.build();
    }
}
