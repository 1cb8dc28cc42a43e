package dev.quarry.schema.validate;

import dev.quarry.schema.diagnostics.Span;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.syntax.Top;
import java.util.List;
import java.util.Optional;

/** Finds the source spans of resolved things, which carry none. */
final class Spans {

    private final List<SchemaAst> files;

    Spans(List<SchemaAst> files) {
        this.files = files;
    }

    Optional<Top.Block> block(String name) {
        return files.stream()
                .flatMap(f -> f.blocks().stream())
                .filter(b -> b.name().name().equals(name))
                .findFirst();
    }

    Span model(String name) {
        return block(name).map(Top.Block::span).orElseThrow();
    }

    Span field(String model, String field) {
        return fieldDecl(model, field).map(Member.FieldDecl::span).orElse(model(model));
    }

    Optional<Member.FieldDecl> fieldDecl(String model, String field) {
        return block(model)
                .flatMap(b -> b.fields().stream()
                        .filter(f -> f.name().name().equals(field))
                        .findFirst());
    }

    Span fieldAttribute(String model, String field, String attribute) {
        return fieldDecl(model, field)
                .flatMap(f -> f.findAttribute(attribute))
                .map(Attribute::span)
                .orElse(field(model, field));
    }

    /** The {@code n}-th block attribute named {@code name} of the model. */
    Span blockAttribute(String model, String name, int n) {
        return block(model)
                .flatMap(b -> b.blockAttributes().stream()
                        .map(Member.BlockAttribute::attribute)
                        .filter(a -> a.name().name().equals(name))
                        .skip(n)
                        .findFirst())
                .map(Attribute::span)
                .orElse(model(model));
    }
}
