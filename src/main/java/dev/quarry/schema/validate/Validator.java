package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.resolve.SourceMap;
import java.util.List;

/** Runs every check on a resolved schema; a flat list of single-purpose checks, as Prisma's validations. */
public final class Validator {

    private Validator() {}

    public static void validate(Schema schema, SourceMap spans, List<Diagnostic> diagnostics) {
        ModelChecks models = new ModelChecks(schema, spans, diagnostics);
        models.uniqueCriteria();
        models.updatedAtIsDateTime();
        new SchemaChecks(schema, spans, diagnostics).schemaAttributes();
        ViewChecks views = new ViewChecks(schema, spans, diagnostics);
        views.previewFeature();
        views.noImplicitManyToMany();
        new PostgresIndexChecks(schema, spans, diagnostics).indexes();
        RelationChecks relations = new RelationChecks(schema, spans, diagnostics);
        relations.fieldsExist();
        relations.referencedFieldsAreUnique();
        relations.manyToManySidesHaveIds();
        relations.setNullOnRequiredFields();
        relations.scalarsAreIndexed();
    }
}
