package dev.quarry.diagram;

import dev.quarry.diagram.Diagram.Box;
import dev.quarry.diagram.Diagram.Cardinality;
import dev.quarry.diagram.Diagram.Edge;
import dev.quarry.diagram.Diagram.Mark;
import dev.quarry.diagram.Diagram.Row;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A {@link Layout} as a standalone SVG document. Each model is a {@code <g class="model" data-model="User">} with a
 * {@code <title>}, so a page can make the boxes clickable; each relation a {@code <g class="relation">} with its
 * cardinality written at both ends. Every name from the schema goes through {@link #escape}.
 */
public final class SvgRenderer {

    private static final String STYLE = """
            .model rect.body { fill: #ffffff; stroke: #475569; stroke-width: 1.2; }
            .model rect.title { fill: #1e3a5f; }
            .model.view rect.title { fill: #52606d; }
            .model text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: \
            12px; fill: #1f2933; }
            .model text.name { font-size: 14px; font-weight: bold; fill: #ffffff; }
            .model text.type { fill: #52606d; }
            .model text.marks { fill: #9a3412; font-weight: bold; }
            .relation path { fill: none; stroke: #64748b; stroke-width: 1.2; }
            .relation text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; \
            font-size: 11px; fill: #334155; }
            """;

    private SvgRenderer() {}

    public static String render(Layout layout) {
        StringBuilder svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(number(layout.width()))
                .append("\" height=\"")
                .append(number(layout.height()))
                .append("\" viewBox=\"0 0 ")
                .append(number(layout.width()))
                .append(' ')
                .append(number(layout.height()))
                .append("\" role=\"img\" aria-labelledby=\"diagram-title\">\n");
        svg.append("<title id=\"diagram-title\">Schema diagram: ")
                .append(layout.diagram().boxes().size())
                .append(" models, ")
                .append(layout.diagram().edges().size())
                .append(" relations</title>\n");
        svg.append("<style>\n").append(STYLE).append("</style>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#f8fafc\"/>\n");
        // relations first, so the boxes are drawn over their ends
        for (Edge edge : layout.diagram().edges()) {
            relation(svg, layout, edge);
        }
        for (Box box : layout.diagram().boxes()) {
            model(svg, box, layout.place(box.model()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void model(StringBuilder svg, Box box, Rect at) {
        String name = escape(box.model());
        svg.append("<g class=\"model")
                .append(box.view() ? " view" : "")
                .append("\" id=\"model-")
                .append(name)
                .append("\" data-model=\"")
                .append(name)
                .append("\">\n");
        svg.append("<title>")
                .append(box.view() ? "view " : "model ")
                .append(name)
                .append("</title>\n");
        svg.append(rect("body", at.x(), at.y(), at.width(), at.height()));
        svg.append(rect("title", at.x(), at.y(), at.width(), LayeredLayout.TITLE_HEIGHT));
        svg.append(
                text("name", at.x() + LayeredLayout.PADDING, at.y() + 18, name + (box.view() ? " (view)" : ""), false));
        double typeX = at.x() + LayeredLayout.PADDING + LayeredLayout.nameColumn(box) * LayeredLayout.CHAR_WIDTH;
        double y = at.y() + LayeredLayout.TITLE_HEIGHT + 14;
        for (Row row : box.rows()) {
            svg.append(text("field", at.x() + LayeredLayout.PADDING, y, escape(row.name()), false));
            svg.append(text("type", typeX, y, escape(row.type()), false));
            if (!row.marks().isEmpty()) {
                svg.append(text("marks", at.x() + at.width() - LayeredLayout.PADDING, y, marks(row), true));
            }
            y += LayeredLayout.ROW_HEIGHT;
        }
        svg.append("</g>\n");
    }

    private static void relation(StringBuilder svg, Layout layout, Edge edge) {
        Rect from = layout.place(edge.from());
        Rect to = layout.place(edge.to());
        svg.append("<g class=\"relation\" data-from=\"")
                .append(escape(edge.from()))
                .append("\" data-to=\"")
                .append(escape(edge.to()))
                .append("\">\n");
        svg.append("<title>")
                .append(escape(edge.relation()))
                .append(": ")
                .append(escape(edge.from()))
                .append(' ')
                .append(edge.fromEnd().label())
                .append(" — ")
                .append(edge.toEnd().label())
                .append(' ')
                .append(escape(edge.to()))
                .append(" (")
                .append(escape(edge.label()))
                .append(")</title>\n");
        if (edge.isSelf()) {
            // a loop on the right side of the box
            double x = from.x() + from.width();
            double top = from.y() + LayeredLayout.TITLE_HEIGHT / 2;
            double bottom = top + 22;
            svg.append("<path d=\"M")
                    .append(number(x))
                    .append(' ')
                    .append(number(top))
                    .append(" C")
                    .append(number(x + 40))
                    .append(' ')
                    .append(number(top - 10))
                    .append(' ')
                    .append(number(x + 40))
                    .append(' ')
                    .append(number(bottom + 10))
                    .append(' ')
                    .append(number(x))
                    .append(' ')
                    .append(number(bottom))
                    .append("\"/>\n");
            svg.append(text("end", x + 4, top - 4, edge.fromEnd().label(), false));
            svg.append(text("end", x + 4, bottom + 14, edge.toEnd().label(), false));
        } else {
            double[] start = from.border(to.centerX(), to.centerY());
            double[] end = to.border(from.centerX(), from.centerY());
            svg.append("<path d=\"M")
                    .append(number(start[0]))
                    .append(' ')
                    .append(number(start[1]))
                    .append(" L")
                    .append(number(end[0]))
                    .append(' ')
                    .append(number(end[1]))
                    .append("\"/>\n");
            svg.append(endLabel(start, end, edge.fromEnd()));
            svg.append(endLabel(end, start, edge.toEnd()));
        }
        svg.append("</g>\n");
    }

    /** The cardinality written just off the line, 16 units from the box it belongs to. */
    private static String endLabel(double[] at, double[] other, Cardinality cardinality) {
        double dx = other[0] - at[0];
        double dy = other[1] - at[1];
        double length = Math.max(1, Math.hypot(dx, dy));
        double x = at[0] + dx / length * 16 + (-dy / length) * 8;
        double y = at[1] + dy / length * 16 + (dx / length) * 8 + 4;
        return text("end", x, y, cardinality.label(), false);
    }

    /** {@code PK UK FK} as they apply, in that order. */
    static String marks(Row row) {
        return row.marks().stream().sorted().map(Mark::name).collect(Collectors.joining(" "));
    }

    private static String rect(String cssClass, double x, double y, double width, double height) {
        return "<rect class=\"" + cssClass + "\" x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\""
                + number(width) + "\" height=\"" + number(height) + "\" rx=\"4\"/>\n";
    }

    private static String text(String cssClass, double x, double y, String escaped, boolean end) {
        return "<text class=\"" + cssClass + "\" x=\"" + number(x) + "\" y=\"" + number(y) + "\""
                + (end ? " text-anchor=\"end\"" : "") + ">" + escaped + "</text>\n";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** XML text and attribute values: the five predefined entities, and nothing XML 1.0 forbids. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
