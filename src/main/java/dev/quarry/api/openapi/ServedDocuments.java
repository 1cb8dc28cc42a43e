package dev.quarry.api.openapi;

import io.quarkus.arc.Unremovable;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The document at {@code /q/openapi}, built on its first request and then kept, in place of Quarkus's
 * service, which builds it while the service starts when its filters run at start-up: about half a
 * second of CPU (the schema's document, then all of it written as JSON and as YAML) before the first
 * answer. {@link SchemaDocumentFilter} therefore runs per request, for which Quarkus builds the document
 * on every request; the document depends only on the schema and the configuration, both fixed while
 * the service runs, so each one is built once per format. Quarkus's handler asks this bean for the
 * bytes (a look-up nothing injects: unremovable). A singleton, not application-scoped: a client proxy
 * could not reach the service's package-private start-up method.
 */
@Unremovable
@Alternative
@Priority(1)
@Singleton
public class ServedDocuments extends OpenApiDocumentService {

    private final Map<String, byte[]> built = new ConcurrentHashMap<>();

    @Override
    public byte[] getDocument(String documentName, Format format) {
        return built.computeIfAbsent(documentName + " " + format, key -> super.getDocument(documentName, format));
    }
}
