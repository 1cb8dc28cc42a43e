package dev.quarry.security;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request body over {@code quarkus.http.limits.max-body-size} gets a 413 problem document (Vert.x alone answers
 * a bare 413). Checked on the declared {@code Content-Length}, before any of the body is read; a chunked body that
 * grows past the limit is still cut off by Quarkus itself.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;

    @Inject
    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            context.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end("{\"type\":\"https://quarry.dev/problems/Q413\",\"title\":\"Payload Too Large\",\"status\":413,"
                            + "\"detail\":\"The request body is larger than the maximum of " + maxBytes + " bytes (quarkus.http.limits.max-body-size)\","
                            + "\"code\":\"Q413\",\"meta\":{\"maxBytes\":" + maxBytes + "}}");
            return;
        }
        context.next();
    }

    private boolean tooLong(String length) {
        try {
            return Long.parseLong(length.strip()) > maxBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
