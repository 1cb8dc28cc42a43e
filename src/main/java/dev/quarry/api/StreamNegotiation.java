package dev.quarry.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Sends a {@code findMany} whose client prefers a stream ({@code Accept}'s first media type, by quality, is
 * {@code application/x-ndjson} or {@code text/csv}) to {@link StreamedReadsResource}, under
 * {@code /api/_streams/…}. The choice is made here, not by {@code @Produces}, because the JSON routes declare no
 * media type: for {@code Accept: *}{@code /*} (curl's, a browser's) JAX-RS matching would pick a stream.
 */
public class StreamNegotiation {

    private static final Pattern LIST = Pattern.compile("/api/([^/_][^/]*)/?");
    private static final Pattern RPC_FIND_MANY = Pattern.compile("/api/rpc/([^/]+)/findMany/?");

    private static final MediaType NDJSON = MediaType.valueOf(StreamedReadsResource.NDJSON);
    private static final MediaType CSV = MediaType.valueOf(StreamedReadsResource.CSV);

    @ServerRequestFilter(preMatching = true)
    public void negotiate(ContainerRequestContext request) {
        // most requests name neither stream type: no parsing of their Accept header
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept == null || !namesAStream(accept.toLowerCase(Locale.ROOT))) {
            return;
        }
        List<MediaType> acceptable = request.getAcceptableMediaTypes();
        if (acceptable.isEmpty()) {
            return;
        }
        MediaType preferred = acceptable.get(0);
        Optional<String> format = preferred.isCompatible(NDJSON) && !preferred.isWildcardSubtype()
                ? Optional.of("ndjson")
                : preferred.isCompatible(CSV) && !preferred.isWildcardSubtype() ? Optional.of("csv") : Optional.empty();
        if (format.isEmpty()) {
            return;
        }
        String path = request.getUriInfo().getPath();
        Matcher list = LIST.matcher(path);
        Matcher rpc = RPC_FIND_MANY.matcher(path);
        String target;
        if (request.getMethod().equals(HttpMethod.GET) && list.matches() && !path.startsWith("/api/rpc/")) {
            target = "/api/_streams/" + format.get() + "/" + list.group(1);
        } else if (request.getMethod().equals(HttpMethod.POST)
                && rpc.matches()
                && format.get().equals("ndjson")) {
            target = "/api/_streams/rpc/" + rpc.group(1);
        } else {
            return;
        }
        request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                .replacePath(target)
                .build());
    }

    private static boolean namesAStream(String accept) {
        return accept.contains(NDJSON.getSubtype()) || accept.contains(CSV.getSubtype());
    }
}
