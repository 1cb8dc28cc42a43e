package dev.quarry.schema.resolve;

import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.syntax.Member;
import java.util.List;
import java.util.Optional;

/** A relation field as written, before it is paired with its opposite field. */
record RelationDraft(
        String model,
        Member.FieldDecl decl,
        String target,
        Arity arity,
        Optional<String> explicitName,
        List<String> fields,
        List<String> references,
        Optional<ReferentialAction> onDelete,
        Optional<ReferentialAction> onUpdate,
        Optional<String> map,
        boolean ignored) {

    String name() {
        return decl.name().name();
    }

    boolean hasForeignKey() {
        return !fields.isEmpty() || !references.isEmpty();
    }
}
