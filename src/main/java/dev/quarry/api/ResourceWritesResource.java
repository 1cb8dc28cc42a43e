package dev.quarry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Json;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.args.ResourceArgs;
import dev.quarry.query.exec.WriteResult;
import dev.quarry.query.write.StoredRow;
import dev.quarry.query.write.WriteArgs;
import dev.quarry.query.write.WriteOperation;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.PrimaryKey;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The write routes of the resource surface. The body is the record's {@code data}; {@code select}, {@code include}
 * and {@code omit} query parameters shape the record returned, as on reads:
 *
 * <pre>
 * POST /api/users create 201, Location, ETag, the record POST /api/users/bulk createMany (body: an array) 201
 * {"count": n}; with select/include/omit or Prefer: return=representation, createManyAndReturn (201 {"count": n,
 * "records": [...]});
 *                                    skipDuplicates=true or Prefer: resolution=ignore-duplicates
 * PATCH /api/users/{id} update 200, ETag, the record PUT /api/users/{id} upsert, the body {"create": {...},
 * "update": {...}}; the id comes from the path
 *                                                                200 updated or 201 created
 * DELETE /api/users/{id} delete 200, the record as it was; 204 with Prefer: return=minimal PATCH
 * /api/users?filter=… updateMany 200 {"count": n}; with select/include/omit or Prefer: return=representation,
 * updateManyAndReturn (200 {"count": n, "records": [...]}) DELETE /api/users?filter=… deleteMany 200 {"count": n}
 * </pre>
 *
 * {@code If-Match: "<etag>"} on PATCH, PUT and DELETE of one record makes the write conditional (412 when the
 * record changed), checked in the same statement that locks or writes the row.
 */
@Path("/api")
public class ResourceWritesResource {

    @Inject
    WriteService writes;

    @Inject
    ModelRoutes routes;

    @POST
    @Path("{route}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> create(@PathParam("route") String route, @Context UriInfo uri, String body) {
        Model model = writableModel(route);
        WriteArgs args = withShape(WriteOperation.CREATE, uri, Optional.empty());
        args.args().set("data", objectBody(body));
        return writes.write(model, args).map(result -> {
            Response.ResponseBuilder r =
                    Response.status(201).entity(result.body()).type(MediaType.APPLICATION_JSON);
            result.row().ifPresent(row -> r.location(URI.create("/api/" + route + "/" + idPath(row))));
            result.etag().ifPresent(tag -> r.header("ETag", quote(tag)));
            return r.build();
        });
    }

    @POST
    @Path("{route}/bulk")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> createMany(
            @PathParam("route") String route, @Context UriInfo uri, @HeaderParam("Prefer") String prefer, String body) {
        Model model = writableModel(route);
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        List<String> skip = params.remove("skipDuplicates");
        boolean skipDuplicates = (skip != null && skip.equals(List.of("true")))
                || (prefer != null && prefer.contains("resolution=ignore-duplicates"));
        if (skip != null && !skip.equals(List.of("true")) && !skip.equals(List.of("false"))) {
            throw QueryErrors.invalid(
                    ArgPath.ofText("skipDuplicates"), "skipDuplicates must be true or false", List.of("true", "false"));
        }
        boolean returning = !params.isEmpty() || (prefer != null && prefer.contains("return=representation"));
        WriteOperation operation = returning ? WriteOperation.CREATE_MANY_AND_RETURN : WriteOperation.CREATE_MANY;
        WriteArgs args = shape(operation, params, Optional.empty());
        JsonNode data = body == null || body.isBlank() ? null : Json.parse(body, ArgPath.of("body"));
        if (data == null || !(data.isArray() || data.isObject())) {
            throw QueryErrors.wrongType(ArgPath.of("body"), "an array of records to create");
        }
        args.args().set("data", data);
        args = relocate(args, "data", ArgPath.of("body"));
        if (skipDuplicates) {
            args.args().put("skipDuplicates", true);
        }
        return writes.write(model, args).map(result -> {
            return Response.status(201)
                    .entity(returning ? bulkAnswer(result) : result.body())
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        });
    }

    @PATCH
    @Path("{route}/{id}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> update(
            @PathParam("route") String route,
            @Encoded @PathParam("id") String id,
            @Context UriInfo uri,
            @HeaderParam("If-Match") String ifMatch,
            String body) {
        Model model = writableModel(route);
        WriteArgs args = withShape(WriteOperation.UPDATE, uri, ifMatch(ifMatch));
        args.args().set("where", ResourceReadsResource.idWhere(model, id));
        args.args().set("data", objectBody(body));
        args = relocate(args, "where", ArgPath.ofText("id"));
        return writes.write(model, args).map(result -> withEtag(Response.ok(), result));
    }

    @PUT
    @Path("{route}/{id}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> upsert(
            @PathParam("route") String route,
            @Encoded @PathParam("id") String id,
            @Context UriInfo uri,
            @HeaderParam("If-Match") String ifMatch,
            String body) {
        Model model = writableModel(route);
        WriteArgs args = withShape(WriteOperation.UPSERT, uri, ifMatch(ifMatch));
        ObjectNode where = ResourceReadsResource.idWhere(model, id);
        ObjectNode upsert = objectBody(body);
        for (Iterator<String> names = upsert.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("create") && !name.equals("update")) {
                throw QueryErrors.invalid(
                        ArgPath.of("body").key(name),
                        "An upsert's body is {\"create\": {...}, \"update\": {...}}",
                        List.of("create", "update"));
            }
        }
        if (!(upsert.get("create") instanceof ObjectNode create)
                || !(upsert.get("update") instanceof ObjectNode update)) {
            throw QueryErrors.invalid(
                    ArgPath.of("body"),
                    "An upsert's body is {\"create\": {...}, \"update\": {...}}, both objects",
                    List.of("create", "update"));
        }
        Iterator<Map.Entry<String, JsonNode>> it = idFields(model, where).fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (create.has(e.getKey())
                    && !create.get(e.getKey()).asText().equals(e.getValue().asText())) {
                throw QueryErrors.conflicting(
                        ArgPath.of("body").key("create").key(e.getKey()),
                        "The body's create." + e.getKey() + " differs from the id in the path");
            }
            create.set(e.getKey(), e.getValue());
        }
        args.args().set("where", where);
        args.args().set("create", create);
        args.args().set("update", update);
        args = relocate(args, "where", ArgPath.ofText("id"));
        args = relocate(args, "create", ArgPath.of("body").key("create"));
        args = relocate(args, "update", ArgPath.of("body").key("update"));
        return writes.write(model, args).map(result -> withEtag(Response.status(result.created() ? 201 : 200), result));
    }

    @DELETE
    @Path("{route}/{id}")
    public Uni<Response> delete(
            @PathParam("route") String route,
            @Encoded @PathParam("id") String id,
            @Context UriInfo uri,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam("Prefer") String prefer) {
        Model model = writableModel(route);
        WriteArgs args = withShape(WriteOperation.DELETE, uri, ifMatch(ifMatch));
        args.args().set("where", ResourceReadsResource.idWhere(model, id));
        args = relocate(args, "where", ArgPath.ofText("id"));
        boolean minimal = prefer != null && prefer.contains("return=minimal");
        return writes.write(model, args)
                .map(deleted -> minimal
                        ? Response.noContent().build()
                        : Response.ok(deleted.body(), MediaType.APPLICATION_JSON)
                                .build());
    }

    @PATCH
    @Path("{route}")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> updateMany(
            @PathParam("route") String route, @Context UriInfo uri, @HeaderParam("Prefer") String prefer, String body) {
        Model model = writableModel(route);
        boolean returning = prefer != null && prefer.contains("return=representation")
                || uri.getQueryParameters().keySet().stream().anyMatch(SHAPE::contains);
        WriteArgs args = filtered(returning ? WriteOperation.UPDATE_MANY_AND_RETURN : WriteOperation.UPDATE_MANY, uri);
        args.args().set("data", objectBody(body));
        return writes.write(model, relocate(args, "data", ArgPath.of("body")))
                .map(result -> Response.ok(returning ? bulkAnswer(result) : result.body(), MediaType.APPLICATION_JSON)
                        .build());
    }

    @DELETE
    @Path("{route}")
    public Uni<Response> deleteMany(@PathParam("route") String route, @Context UriInfo uri) {
        Model model = writableModel(route);
        return writes.write(model, filtered(WriteOperation.DELETE_MANY, uri))
                .map(result ->
                        Response.ok(result.body(), MediaType.APPLICATION_JSON).build());
    }

    /**
     * A bulk write's records in one shape for typed clients, {"count", "records"}, as the OpenAPI document says.
     */
    private static String bulkAnswer(WriteResult result) {
        return "{\"count\":" + result.records().orElseThrow() + ",\"records\":" + result.body() + "}";
    }

    // --- arguments -------------------------------------------------------------------------------

    private Model writableModel(String route) {
        Model model = routes.byRoute(route);
        WriteService.requireWritable(model);
        return model;
    }

    private static ObjectNode objectBody(String body) {
        if (body == null || body.isBlank()) {
            throw QueryErrors.missingArgument(ArgPath.of("body"), "a JSON object (the record's data)", List.of());
        }
        JsonNode node = Json.parse(body, ArgPath.of("body"));
        if (!node.isObject()) {
            throw QueryErrors.wrongType(ArgPath.of("body"), "a JSON object (the record's data)");
        }
        return (ObjectNode) node;
    }

    /** select/include/omit from the query string, as on a findUnique. */
    private static WriteArgs withShape(WriteOperation operation, UriInfo uri, Optional<String> ifMatch) {
        return shape(operation, new LinkedHashMap<>(uri.getQueryParameters()), ifMatch);
    }

    private static WriteArgs shape(
            WriteOperation operation, Map<String, List<String>> params, Optional<String> ifMatch) {
        ReadArgs read = ResourceArgs.parse(Operation.FIND_UNIQUE, params);
        return new WriteArgs(operation, read.args().deepCopy(), read.origins(), ifMatch);
    }

    /** The query parameters that shape returned records. */
    private static final List<String> SHAPE = List.of("select", "include", "omit");

    /**
     * updateMany/deleteMany: the filter query parameter (JSON or the bracket form), required, and nothing else but,
     * for updateManyAndReturn, the shape of the records returned.
     */
    private static WriteArgs filtered(WriteOperation operation, UriInfo uri) {
        Map<String, List<String>> params = new LinkedHashMap<>(uri.getQueryParameters());
        List<String> allowed = operation == WriteOperation.UPDATE_MANY_AND_RETURN
                ? List.of("filter", "select", "include", "omit")
                : List.of("filter");
        for (String name : params.keySet()) {
            if (!allowed.contains(name) && !name.startsWith("filter[")) {
                throw QueryErrors.unknownArgument(ArgPath.of(name), name, allowed);
            }
        }
        ReadArgs read = ResourceArgs.parse(Operation.FIND_MANY, params);
        if (!read.args().has("where")) {
            throw QueryErrors.missingArgument(
                    ArgPath.of("filter"),
                    "a filter (" + operation.clientName() + " on the resource surface needs one; "
                            + "filter={} names every record)",
                    List.of("filter"));
        }
        return new WriteArgs(operation, read.args().deepCopy(), read.origins(), Optional.empty());
    }

    private static WriteArgs relocate(WriteArgs args, String key, ArgPath origin) {
        Map<String, ArgPath> origins = new HashMap<>(args.origins());
        origins.put(key, origin);
        return new WriteArgs(args.operation(), args.args(), origins, args.ifMatch());
    }

    private static ObjectNode idFields(Model model, ObjectNode where) {
        PrimaryKey pk = model.primaryKey().orElseThrow();
        if (pk.fields().size() == 1) {
            return where;
        }
        return (ObjectNode) where.elements().next();
    }

    /**
     * {@code If-Match}: one entity tag, quoted or not; {@code *} (any version) is no condition beyond existence.
     */
    private static Optional<String> ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return Optional.empty();
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        return Optional.of(tag.replace("\"", ""));
    }

    private static String quote(String tag) {
        return "\"" + tag + "\"";
    }

    private static Response withEtag(Response.ResponseBuilder r, WriteResult result) {
        result.etag().ifPresent(tag -> r.header("ETag", quote(tag)));
        return r.entity(result.body()).type(MediaType.APPLICATION_JSON).build();
    }

    /**
     * The created record's path segment: its id values in {@code @@id} order, each URL-encoded, comma-separated.
     */
    private static String idPath(StoredRow row) {
        List<String> fields =
                row.model().primaryKey().map(PrimaryKey::fieldNames).orElse(List.of());
        return fields.stream()
                .map(f -> URLEncoder.encode(String.valueOf(row.get(f)), StandardCharsets.UTF_8)
                        .replace("+", "%20"))
                .collect(Collectors.joining(","));
    }
}
