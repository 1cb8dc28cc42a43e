package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.Span;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each resolved model, view, enum and composite type was written, with its fields and block attributes: a side
 * table the resolver builds once from the blocks it resolved, so the checks after resolution report a mistake at its
 * place without searching the files for it.
 */
public final class SourceMap {

    private record Written(
            Span span, Map<String, Member.FieldDecl> fields, Map<String, List<Attribute>> blockAttributes) {}

    private final Map<String, Written> blocks;

    private SourceMap(Map<String, Written> blocks) {
        this.blocks = blocks;
    }

    /** The blocks by name, the first declaration of a name winning as in resolution. */
    static SourceMap of(Map<String, Top.Block> tops) {
        Map<String, Written> blocks = new HashMap<>();
        tops.forEach((name, block) -> blocks.put(name, written(block)));
        return new SourceMap(Map.copyOf(blocks));
    }

    private static Written written(Top.Block block) {
        Map<String, Member.FieldDecl> fields = new HashMap<>();
        block.fields().forEach(f -> fields.putIfAbsent(f.name().name(), f));
        Map<String, List<Attribute>> attributes = new HashMap<>();
        block.blockAttributes().stream()
                .map(Member.BlockAttribute::attribute)
                .forEach(a -> attributes
                        .computeIfAbsent(a.name().name(), n -> new ArrayList<>())
                        .add(a));
        attributes.replaceAll((name, list) -> List.copyOf(list));
        return new Written(block.span(), Map.copyOf(fields), Map.copyOf(attributes));
    }

    /** The block of a model, view, enum or composite type. */
    public Span model(String name) {
        return block(name).span();
    }

    /** A field's declaration; the block's when there is none. */
    public Span field(String model, String field) {
        return fieldDecl(model, field).map(Member.FieldDecl::span).orElse(model(model));
    }

    /** A field's attribute ({@code @relation}); the field's when it has none. */
    public Span fieldAttribute(String model, String field, String attribute) {
        return fieldDecl(model, field)
                .flatMap(f -> f.findAttribute(attribute))
                .map(Attribute::span)
                .orElse(field(model, field));
    }

    /** The {@code n}-th block attribute named {@code name} of the block; the block's when there is none. */
    public Span blockAttribute(String model, String name, int n) {
        List<Attribute> attributes = block(model).blockAttributes().getOrDefault(name, List.of());
        return n < attributes.size() ? attributes.get(n).span() : model(model);
    }

    private Optional<Member.FieldDecl> fieldDecl(String model, String field) {
        return Optional.ofNullable(block(model).fields().get(field));
    }

    private Written block(String name) {
        Written block = blocks.get(name);
        if (block == null) {
            throw new IllegalArgumentException("no block " + name);
        }
        return block;
    }
}
