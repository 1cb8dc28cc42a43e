package dev.quarry.api.openapi;

import dev.quarry.query.plan.Limits;
import dev.quarry.schema.model.Schema;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

/**
 * Installs the document of the schema being served at {@code /q/openapi}. It runs when the service
 * runs, not at build time, because the schema is chosen at start ({@code quarry.schema.path}) and may
 * differ from the one packaged; per request rather than at start-up, so that the document is built on
 * its first request ({@link ServedDocuments} keeps it). Quarkus looks runtime filters up as beans, so
 * the served schema is injected.
 *
 * <p>The generic resources are left out of annotation scanning ({@code mp.openapi.scan.exclude.classes}):
 * they cannot describe per-model types, and the schema's document describes their routes. What scanning
 * still finds are hand-written endpoints (such as {@code /api/reports/top-authors}): they follow the
 * schema's document, which comes first and is exactly what {@code quarry generate} writes.
 */
@ApplicationScoped
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class SchemaDocumentFilter implements OASFilter {

    @Inject
    Schema schema;

    @Inject
    Limits limits;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, PathItem> handWritten = openAPI.getPaths() == null
                ? Map.of()
                : Map.copyOf(openAPI.getPaths().getPathItems());
        Components scannedComponents = openAPI.getComponents();
        OpenAPI document = OpenApiDocument.of(schema, limits);
        // cleared first, then set in the document's order, so that the schema's part equals quarry generate's
        openAPI.info(null);
        openAPI.servers(null);
        openAPI.security(null);
        openAPI.externalDocs(null);
        openAPI.webhooks(null);
        openAPI.tags(null);
        openAPI.paths(null);
        openAPI.components(null);
        openAPI.openapi(document.getOpenapi());
        openAPI.info(document.getInfo());
        openAPI.servers(document.getServers());
        openAPI.security(document.getSecurity());
        openAPI.tags(document.getTags());
        openAPI.paths(document.getPaths());
        openAPI.components(document.getComponents());
        handWritten.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .filter(entry -> !document.getPaths().hasPathItem(entry.getKey()))
                .forEach(entry -> openAPI.getPaths().addPathItem(entry.getKey(), entry.getValue()));
        if (scannedComponents != null && scannedComponents.getSchemas() != null) {
            scannedComponents.getSchemas().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .filter(entry -> !openAPI.getComponents().getSchemas().containsKey(entry.getKey()))
                    .forEach(entry -> openAPI.getComponents().addSchema(entry.getKey(), entry.getValue()));
        }
    }
}
