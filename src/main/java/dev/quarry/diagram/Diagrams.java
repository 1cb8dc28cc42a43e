package dev.quarry.diagram;

import dev.quarry.schema.model.Schema;

/** The diagram of a schema in each format Quarry writes it: what {@code quarry erd} and the Studio serve. */
public final class Diagrams {

    private Diagrams() {}

    public static String svg(Schema schema) {
        return SvgRenderer.render(LayeredLayout.layout(DiagramBuilder.of(schema)));
    }

    public static String mermaid(Schema schema) {
        return MermaidRenderer.render(DiagramBuilder.of(schema));
    }
}
