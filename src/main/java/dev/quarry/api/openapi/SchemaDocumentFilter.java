package dev.quarry.api.openapi;

import dev.quarry.schema.model.Schema;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Installs the document of the schema being served at {@code /q/openapi}. It runs when the service
 * starts, not at build time, because the schema is chosen then ({@code quarry.schema.path}) and may
 * differ from the one packaged. Quarkus looks runtime filters up as beans, so the served schema is
 * injected. The document replaces whatever annotation scanning found: the generic resources cannot
 * describe per-model types, and the document must be the same as {@code quarry generate}'s.
 */
@ApplicationScoped
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class SchemaDocumentFilter implements OASFilter {

    @Inject
    Schema schema;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        OpenAPI document = OpenApiDocument.of(schema);
        // cleared first, then set in the document's order, so that the served text equals quarry generate's
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
        openAPI.tags(document.getTags());
        openAPI.paths(document.getPaths());
        openAPI.components(document.getComponents());
    }
}
