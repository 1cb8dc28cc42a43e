package dev.quarry.runtime;

import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the served schema injectable: {@code @Inject Schema schema}. Loaded once, at start-up. */
@ApplicationScoped
public class SchemaProducer {

    @ConfigProperty(name = "quarry.schema.path", defaultValue = SchemaSource.CLASSPATH_DEFAULT)
    String path;

    @Produces
    @Singleton
    Schema schema() {
        SchemaResult result = SchemaSource.load(path);
        if (result.hasErrors()) {
            throw new InvalidSchemaException(path, result);
        }
        return result.schema().orElseThrow();
    }
}
