package dev.quarry.api;

import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.args.ResourceArgs;
import dev.quarry.schema.model.Model;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * {@code findMany} as a stream, chosen by {@code Accept}: {@code application/x-ndjson} on {@code GET /api/users}
 * and
 * {@code POST /api/rpc/user/findMany} (one JSON object per line), {@code text/csv} on {@code GET /api/users} (flat
 * selections). See {@link StreamFormats} for the lines and for a failure after the first one. {@link
 * StreamNegotiation} sends these requests here.
 */
@Path("/api/_streams")
public class StreamedReadsResource {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    @Inject
    ReadService reads;

    @Inject
    ModelRoutes routes;

    @GET
    @Path("ndjson/{route}")
    @Produces(NDJSON)
    public Multi<Buffer> ndjson(@PathParam("route") String route, @Context UriInfo uri) {
        Model model = routes.byRoute(route);
        return StreamFormats.ndjson(reads.stream(model, ResourceArgs.parse(Operation.FIND_MANY, params(uri)))
                .lines());
    }

    @POST
    @Path("rpc/{delegate}")
    @Consumes(MediaType.WILDCARD)
    @Produces(NDJSON)
    public Multi<Buffer> rpcNdjson(@PathParam("delegate") String delegate, String body) {
        Model model = routes.byDelegate(delegate);
        return StreamFormats.ndjson(
                reads.stream(model, ReadArgs.ofBody(Operation.FIND_MANY, RpcReadsResource.parseBody(body)))
                        .lines());
    }

    @GET
    @Path("csv/{route}")
    @Produces(CSV)
    public RestMulti<String> csv(@PathParam("route") String route, @Context UriInfo uri) {
        Model model = routes.byRoute(route);
        Map<String, List<String>> params = params(uri);
        boolean download = download(params.remove("download"));
        ReadService.Streamed streamed = reads.stream(model, ResourceArgs.parse(Operation.FIND_MANY, params));
        List<String> header = StreamFormats.csvHeader(streamed.selection());
        RestMulti.SyncRestMulti.Builder<String> answer =
                RestMulti.fromMultiData(StreamFormats.csv(header, streamed.lines()));
        if (download) {
            answer.header("Content-Disposition", "attachment; filename=\"" + route + ".csv\"");
        }
        return answer.build();
    }

    private static Map<String, List<String>> params(UriInfo uri) {
        return new LinkedHashMap<>(uri.getQueryParameters());
    }

    private static boolean download(List<String> values) {
        if (values == null || values.equals(List.of("false"))) {
            return false;
        }
        if (values.equals(List.of("true"))) {
            return true;
        }
        throw QueryErrors.invalid(
                ArgPath.ofText("download"), "download must be true or false", List.of("true", "false"));
    }
}
