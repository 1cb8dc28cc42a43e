package dev.quarry.query.support;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;

/** The test schemas, parsed from src/test/resources/query/*.prisma. */
public final class Schemas {

    private Schemas() {}

    public static Schema load(String resource) {
        SchemaResult result = PrismaSchema.parse(resource, TestDatabase.read(resource));
        if (result.hasErrors()) {
            throw new IllegalStateException(resource + ": " + result.errors());
        }
        return result.schema().orElseThrow();
    }

    public static Schema rich() {
        return load("query/rich.prisma");
    }

    public static Schema blog() {
        return load("query/blog.prisma");
    }
}
