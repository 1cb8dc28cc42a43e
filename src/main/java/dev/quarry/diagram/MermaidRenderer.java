package dev.quarry.diagram;

import dev.quarry.diagram.Diagram.Box;
import dev.quarry.diagram.Diagram.Cardinality;
import dev.quarry.diagram.Diagram.Edge;
import dev.quarry.diagram.Diagram.Mark;
import dev.quarry.diagram.Diagram.Row;
import java.util.stream.Collectors;

/**
 * A {@link Diagram} as Mermaid {@code erDiagram} text, as prisma-erd-generator writes it: an entity per model with
 * its fields ({@code type name PK,UK "optional"}), a relationship per relation with crow's-foot ends.
 */
public final class MermaidRenderer {

    private MermaidRenderer() {}

    public static String render(Diagram diagram) {
        StringBuilder out = new StringBuilder("erDiagram\n");
        for (Box box : diagram.boxes()) {
            out.append("  ").append(entity(box.model())).append(" {\n");
            for (Row row : box.rows()) {
                out.append("    ").append(type(row.type())).append(' ').append(row.name());
                if (!row.marks().isEmpty()) {
                    out.append(' ')
                            .append(row.marks().stream()
                                    .sorted()
                                    .map(Mark::name)
                                    .collect(Collectors.joining(",")));
                }
                if (row.type().endsWith("?")) {
                    out.append(" \"optional\"");
                }
                out.append('\n');
            }
            out.append("  }\n");
        }
        for (Edge edge : diagram.edges()) {
            out.append("  ")
                    .append(entity(edge.from()))
                    .append(' ')
                    .append(left(edge.fromEnd()))
                    .append("--")
                    .append(right(edge.toEnd()))
                    .append(' ')
                    .append(entity(edge.to()))
                    .append(" : \"")
                    .append(edge.label().replace("\"", "'"))
                    .append("\"\n");
        }
        return out.toString();
    }

    /**
     * Mermaid's attribute types allow letters, digits, {@code _-[]()}: {@code String?} is written {@code String},
     * marked optional.
     */
    private static String type(String type) {
        return type.endsWith("?") ? type.substring(0, type.length() - 1) : type;
    }

    /** Quoted, so a model named like one of Mermaid's keywords stays an entity. */
    private static String entity(String model) {
        return "\"" + model + "\"";
    }

    private static String left(Cardinality end) {
        return switch (end) {
            case ONE -> "||";
            case ZERO_OR_ONE -> "|o";
            case MANY -> "}o";
        };
    }

    private static String right(Cardinality end) {
        return switch (end) {
            case ONE -> "||";
            case ZERO_OR_ONE -> "o|";
            case MANY -> "o{";
        };
    }
}
