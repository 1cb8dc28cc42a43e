package dev.quarry.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quarry.runtime.SchemaSource;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Schemas and documents the OpenAPI tests share. */
final class Documents {

    static final Path BLOG_SCHEMA = Path.of("src/main/resources/schema.prisma");
    static final Path RICH_SCHEMA = Path.of("src/test/resources/schemas/openapi-rich.prisma");
    static final Path BLOG_YAML = Path.of("openapi/openapi.yaml");
    static final Path BLOG_JSON = Path.of("openapi/openapi.json");
    static final Path TYPESCRIPT_CLIENT = Path.of("openapi/clients/typescript");
    static final Path RICH_YAML = Path.of("src/test/resources/openapi/openapi-rich.yaml");

    private Documents() {}

    static Schema load(Path schema) {
        SchemaResult result = SchemaSource.load(schema.toString());
        if (result.hasErrors()) {
            throw new IllegalStateException(schema + " has errors: " + result.errors());
        }
        return result.schema().orElseThrow();
    }

    /** swagger-parser's messages: errors and warnings alike. */
    static List<String> validate(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
        if (result.getOpenAPI() == null) {
            return List.of("not parsed: " + result.getMessages());
        }
        return result.getMessages() == null ? List.of() : result.getMessages();
    }

    /** {@code shared/corpus/prisma-schemas/real}, found by walking up from the working directory. */
    static Optional<Path> corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/prisma-schemas/real");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The served document less the example's hand-written endpoint and its component. */
    static JsonNode withoutHandWritten(JsonNode served) {
        ObjectNode copy = served.deepCopy();
        ((ObjectNode) copy.get("paths")).remove("/api/reports/top-authors");
        ((ObjectNode) copy.get("components").get("schemas")).remove("AuthorRanking");
        return copy;
    }
}
