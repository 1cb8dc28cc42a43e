package dev.quarry.security;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.bulk.BulkFormat;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refusals made before a request reaches a resource, each a problem document (Vert.x alone answers bare ones):
 * <ul>
 * <li>413 Q413, a body over {@code quarkus.http.limits.max-body-size} by its declared {@code Content-Length},
 * of it is read (a chunked body that grows past the limit is still cut off by Quarkus itself);</li> <li>414 Q414, a
 * request target over {@code quarry.api.max-url-length} (Vert.x's own line limit is set far above it, so that this
 * so that this answer, not a bare one, is what a client sees);</li> <li>415 Q415, a body on {@code /api} that is
 * not declared JSON ({@code text/plain}, a form, no Content-Type).</li>
 * </ul>
 * A bulk import ({@code POST /api/{model}/bulk}, NDJSON or CSV) has its own body limit and media types (its route,
 * {@code api.BulkImportRoute}, checks them). They run just after Quarkus's CORS handler (route order -300, its
 * filter priority), so that a browser may read them.
 */
@ApplicationScoped
public class RequestLimits {

    /** Quarkus installs a filter of priority p at route order -p; CORS has priority 300. */
    private static final int AFTER_CORS = -299;

    private static final Set<HttpMethod> WITH_BODY =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final long maxBodyBytes;
    private final int maxUrlLength;

    @Inject
    public RequestLimits(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            @ConfigProperty(name = "quarry.api.max-url-length", defaultValue = "8192") int maxUrlLength) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.maxUrlLength = maxUrlLength;
    }

    void install(@Observes Router router) {
        router.route().order(AFTER_CORS).handler(this::check);
    }

    /** {@code POST /api/{model}/bulk} with an NDJSON or CSV body: a bulk import, which its route limits itself. */
    private static boolean isBulkImport(HttpServerRequest request) {
        String path = request.path();
        String end = "/bulk";
        return request.method() == HttpMethod.POST
                && path.startsWith("/api/")
                && path.endsWith(end)
                && path.indexOf('/', 5) == path.length() - end.length()
                && BulkFormat.ofMediaType(request.getHeader(HttpHeaders.CONTENT_TYPE))
                        .isPresent();
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (request.uri().length() > maxUrlLength) {
            refuse(
                    context,
                    ErrorCode.URI_TOO_LONG,
                    "The request target is longer than the maximum of " + maxUrlLength
                            + " characters (quarry.api.max-url-length); send the read's arguments as a JSON body to "
                            + "POST /api/{model}/_query",
                    new JsonObject().put("maxLength", maxUrlLength));
        } else if (isBulkImport(request)) {
            context.next();
        } else if (length != null && parse(length) > maxBodyBytes) {
            refuse(
                    context,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body is larger than the maximum of " + maxBodyBytes
                            + " bytes (quarkus.http.limits.max-body-size)",
                    new JsonObject().put("maxBytes", maxBodyBytes));
        } else if (request.path().startsWith("/api/")
                && WITH_BODY.contains(request.method())
                && hasBody(request, length)
                && !isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            String declared = request.getHeader(HttpHeaders.CONTENT_TYPE);
            refuse(
                    context,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The request body must be JSON (Content-Type: application/json), not "
                            + (declared == null ? "undeclared" : declared),
                    new JsonObject().put("allowed", "application/json"));
        } else {
            context.next();
        }
    }

    private static void refuse(RoutingContext context, ErrorCode code, String detail, JsonObject meta) {
        context.response()
                .setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(new JsonObject()
                        .put("type", code.type())
                        .put("title", code.title())
                        .put("status", code.status())
                        .put("detail", detail)
                        .put("code", code.code())
                        .put("meta", meta)
                        .encode());
    }

    private static boolean hasBody(HttpServerRequest request, String length) {
        return length == null ? request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null : parse(length) > 0;
    }

    /**
     * {@code application/json} or a {@code +json} type such as {@code application/merge-patch+json}, with any
     * parameters.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
