package dev.quarry.schema.validate;

import dev.quarry.schema.model.ConfigValue;
import dev.quarry.schema.model.Generator;
import dev.quarry.schema.model.Schema;
import java.util.HashSet;
import java.util.Set;

/** The preview features enabled by any generator's {@code previewFeatures}. */
public final class PreviewFeatures {

    private PreviewFeatures() {}

    public static Set<String> of(Schema schema) {
        Set<String> features = new HashSet<>();
        for (Generator generator : schema.generators()) {
            if (generator.properties().get("previewFeatures") instanceof ConfigValue.Array array) {
                features.addAll(array.values());
            }
        }
        return features;
    }

    /**
     * Prisma's full-text search on PostgreSQL ({@code search} filters, {@code _relevance} ordering); {@code
     * fullTextSearch} is its old name.
     */
    public static boolean fullTextSearch(Schema schema) {
        Set<String> features = of(schema);
        return features.contains("fullTextSearchPostgres") || features.contains("fullTextSearch");
    }
}
