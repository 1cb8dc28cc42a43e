package dev.quarry.studio;

import dev.quarry.diagram.Diagrams;
import dev.quarry.schema.model.Schema;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Studio's routes: the page itself is static (META-INF/resources/studio), this adds the diagram and the schema
 * description it draws on, and answers 404 for all of {@code /studio} when the Studio is off. It is on by default
 * in dev mode and on the embedded development database, off elsewhere unless {@code quarry.studio.enabled=true}.
 * Every record the page shows comes through the API, under the caller's token, as any other request.
 */
@ApplicationScoped
public class StudioRoutes {

    static final String PATH = "/studio";

    private final boolean enabled;
    private final String diagram;
    private final String description;

    @Inject
    public StudioRoutes(
            Schema schema,
            @ConfigProperty(name = "quarry.studio.enabled") Optional<Boolean> enabled,
            @ConfigProperty(name = "quarry.embedded-database", defaultValue = "false") boolean embeddedDatabase) {
        this.enabled = enabled.orElse(embeddedDatabase || LaunchMode.current() == LaunchMode.DEVELOPMENT);
        this.diagram = this.enabled ? Diagrams.svg(schema) : "";
        this.description = this.enabled ? StudioSchema.of(schema).toString() : "";
    }

    public boolean enabled() {
        return enabled;
    }

    void install(@Observes Router router) {
        // before the static resources, which Quarkus serves last
        router.routeWithRegex("^/studio(/.*)?$").order(-1).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        String path = context.request().path();
        if (!enabled) {
            context.response()
                    .setStatusCode(404)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                    .end(new JsonObject()
                            .put("type", "about:blank")
                            .put("title", "Not Found")
                            .put("status", 404)
                            .put(
                                    "detail",
                                    "The Studio is off: it is on in dev mode and on the embedded database, "
                                            + "elsewhere set quarry.studio.enabled=true")
                            .encode());
        } else if (path.equals(PATH)) {
            context.response()
                    .setStatusCode(302)
                    .putHeader(HttpHeaders.LOCATION, PATH + "/")
                    .end();
        } else if (path.equals(PATH + "/diagram.svg")) {
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml; charset=utf-8")
                    .end(diagram);
        } else if (path.equals(PATH + "/schema.json")) {
            context.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(description);
        } else {
            context.next();
        }
    }
}
