package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import dev.quarry.schema.model.Schema;
import dev.quarry.schema.resolve.SourceMap;
import java.util.List;

/** Views: behind the {@code views} preview feature, and never part of an implicit many-to-many relation. */
final class ViewChecks {

    private final Schema schema;
    private final SourceMap spans;
    private final List<Diagnostic> diagnostics;

    ViewChecks(Schema schema, SourceMap spans, List<Diagnostic> diagnostics) {
        this.schema = schema;
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    void previewFeature() {
        if (PreviewFeatures.of(schema).contains("views")) {
            return;
        }
        for (Model model : schema.models()) {
            if (model.view()) {
                diagnostics.add(SchemaErrors.validation(
                        spans.model(model.name()),
                        "View definitions are only available with the `views` preview feature."));
            }
        }
    }

    /** An implicit join table needs both sides' primary keys; views have none. */
    void noImplicitManyToMany() {
        for (Relation relation : schema.relations()) {
            if (relation.kind() != Relation.Kind.MANY_TO_MANY
                    || !schema.model(relation.referencingModel()).view()
                            && !schema.model(relation.referencedModel()).view()) {
                continue;
            }
            for (String[] side : List.of(
                    new String[] {
                        relation.referencingModel(), relation.referencingField().orElseThrow()
                    },
                    new String[] {
                        relation.referencedModel(), relation.referencedField().orElseThrow()
                    })) {
                diagnostics.add(SchemaErrors.validation(
                        spans.field(side[0], side[1]), "Implicit many-to-many relations are not supported for views."));
            }
        }
    }
}
