package dev.quarry.diagram;

import dev.quarry.diagram.Diagram.Box;
import dev.quarry.diagram.Diagram.Edge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Sugiyama-style layout, deterministic for a given diagram: referenced models above the models that refer to them
 * (layers by longest path, cycles broken where a depth-first walk in schema order meets them), the order inside
 * each layer by barycenter sweeps to reduce crossings, then boxes placed in rows. A layer wider than the drawing is
 * wrapped onto several rows, and models without relations share the last layer, so no two boxes can overlap.
 */
public final class LayeredLayout {

    static final double CHAR_WIDTH = 7.2;
    static final double TITLE_CHAR_WIDTH = 8.4;
    static final double TITLE_HEIGHT = 26;
    static final double ROW_HEIGHT = 18;
    static final double PADDING = 10;
    static final double GAP_X = 48;
    static final double GAP_Y = 72;
    static final double WRAP_GAP_Y = 36;
    static final double MARGIN = 24;
    private static final int SWEEPS = 8;

    private LayeredLayout() {}

    public static Layout layout(Diagram diagram) {
        Map<String, Box> boxes = new LinkedHashMap<>();
        diagram.boxes().forEach(b -> boxes.put(b.model(), b));
        Map<String, List<String>> parents = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        Map<String, Set<String>> neighbours = new HashMap<>();
        for (String model : boxes.keySet()) {
            parents.put(model, new ArrayList<>());
            children.put(model, new ArrayList<>());
            neighbours.put(model, new HashSet<>());
        }
        for (Edge edge : diagram.edges()) {
            if (!edge.isSelf()) {
                neighbours.get(edge.from()).add(edge.to());
                neighbours.get(edge.to()).add(edge.from());
            }
        }
        for (Edge edge : acyclic(diagram, boxes.keySet())) {
            parents.get(edge.to()).add(edge.from());
            children.get(edge.from()).add(edge.to());
        }
        List<List<String>> layers = layers(boxes.keySet(), parents, neighbours);
        order(layers, neighbours);
        return place(diagram, boxes, layers);
    }

    /** The edges with self-relations dropped and each cycle broken by reversing the edge that closes it. */
    private static List<Edge> acyclic(Diagram diagram, Set<String> models) {
        Map<String, List<Edge>> outgoing = new HashMap<>();
        models.forEach(m -> outgoing.put(m, new ArrayList<>()));
        Set<Edge> seen = new HashSet<>();
        for (Edge edge : diagram.edges()) {
            // two relations between the same pair are one constraint on the layers
            if (!edge.isSelf() && seen.add(new Edge("", edge.from(), edge.to(), edge.fromEnd(), edge.toEnd(), ""))) {
                outgoing.get(edge.from()).add(edge);
            }
        }
        List<Edge> result = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // 1 on the walk's path, 2 finished
        for (String root : models) {
            if (state.containsKey(root)) {
                continue;
            }
            // iterative depth-first walk: schemas of hundreds of models would overflow a recursive one
            List<Object[]> stack = new ArrayList<>();
            stack.add(new Object[] {root, 0});
            state.put(root, 1);
            while (!stack.isEmpty()) {
                Object[] top = stack.get(stack.size() - 1);
                String model = (String) top[0];
                int next = (Integer) top[1];
                List<Edge> out = outgoing.get(model);
                if (next == out.size()) {
                    state.put(model, 2);
                    stack.remove(stack.size() - 1);
                    continue;
                }
                top[1] = next + 1;
                Edge edge = out.get(next);
                Integer target = state.get(edge.to());
                if (target == null) {
                    result.add(edge);
                    state.put(edge.to(), 1);
                    stack.add(new Object[] {edge.to(), 0});
                } else if (target == 2) {
                    result.add(edge);
                } else {
                    result.add(new Edge(
                            edge.relation(), edge.to(), edge.from(), edge.toEnd(), edge.fromEnd(), edge.label()));
                }
            }
        }
        return result;
    }

    /** Longest-path layers; models with no relation at all go to a layer of their own at the bottom. */
    private static List<List<String>> layers(
            Set<String> models, Map<String, List<String>> parents, Map<String, Set<String>> neighbours) {
        Map<String, Integer> layerOf = new HashMap<>();
        for (String model : models) {
            layerOf(model, parents, layerOf);
        }
        int deepest =
                layerOf.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<List<String>> layers = new ArrayList<>();
        for (int i = 0; i <= deepest + 1; i++) {
            layers.add(new ArrayList<>());
        }
        for (String model : models) {
            layers.get(neighbours.get(model).isEmpty() ? deepest + 1 : layerOf.get(model))
                    .add(model);
        }
        layers.removeIf(List::isEmpty);
        return layers;
    }

    private static int layerOf(String start, Map<String, List<String>> parents, Map<String, Integer> layerOf) {
        // iterative post-order over the parents (the graph is acyclic here)
        List<String> stack = new ArrayList<>(List.of(start));
        while (!stack.isEmpty()) {
            String model = stack.get(stack.size() - 1);
            if (layerOf.containsKey(model)) {
                stack.remove(stack.size() - 1);
                continue;
            }
            boolean ready = true;
            int layer = 0;
            for (String parent : parents.get(model)) {
                Integer known = layerOf.get(parent);
                if (known == null) {
                    ready = false;
                    stack.add(parent);
                } else {
                    layer = Math.max(layer, known + 1);
                }
            }
            if (ready) {
                layerOf.put(model, layer);
                stack.remove(stack.size() - 1);
            }
        }
        return layerOf.get(start);
    }

    /**
     * Barycenter sweeps, down then up: each model moves towards the mean position of its neighbours in the layers
     * already swept.
     */
    private static void order(List<List<String>> layers, Map<String, Set<String>> neighbours) {
        Map<String, Integer> layerIndex = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            for (String model : layers.get(i)) {
                layerIndex.put(model, i);
            }
        }
        for (int sweep = 0; sweep < SWEEPS; sweep++) {
            boolean down = sweep % 2 == 0;
            Map<String, Double> position = positions(layers);
            for (int step = 1; step < layers.size(); step++) {
                int i = down ? step : layers.size() - 1 - step;
                List<String> layer = layers.get(i);
                Map<String, Double> barycenter = new HashMap<>();
                for (String model : layer) {
                    double sum = 0;
                    int count = 0;
                    for (String other : neighbours.get(model)) {
                        int otherLayer = layerIndex.get(other);
                        if (down ? otherLayer < i : otherLayer > i) {
                            sum += position.get(other);
                            count++;
                        }
                    }
                    barycenter.put(model, count == 0 ? position.get(model) : sum / count);
                }
                // List.sort is stable: equal barycenters keep the order they had
                layer.sort(Comparator.comparingDouble(barycenter::get));
                for (int k = 0; k < layer.size(); k++) {
                    position.put(layer.get(k), (double) k / Math.max(1, layer.size() - 1));
                }
            }
        }
    }

    /** Each model's place in its layer, scaled to 0..1 so wide and narrow layers compare. */
    private static Map<String, Double> positions(List<List<String>> layers) {
        Map<String, Double> position = new HashMap<>();
        for (List<String> layer : layers) {
            for (int k = 0; k < layer.size(); k++) {
                position.put(layer.get(k), (double) k / Math.max(1, layer.size() - 1));
            }
        }
        return position;
    }

    private static Layout place(Diagram diagram, Map<String, Box> boxes, List<List<String>> layers) {
        Map<String, double[]> sizes = new HashMap<>();
        double area = 0;
        double widest = 0;
        for (Box box : boxes.values()) {
            double[] size = size(box);
            sizes.put(box.model(), size);
            area += (size[0] + GAP_X) * (size[1] + GAP_Y);
            widest = Math.max(widest, size[0]);
        }
        // about twice as wide as high, never narrower than the widest box
        double maxRowWidth = Math.max(widest, Math.max(1200, Math.sqrt(area * 2)));
        List<List<String>> rows = new ArrayList<>();
        List<Boolean> wrapped = new ArrayList<>();
        for (List<String> layer : layers) {
            List<String> row = new ArrayList<>();
            double rowWidth = 0;
            boolean first = true;
            for (String model : layer) {
                double width = sizes.get(model)[0];
                if (!row.isEmpty() && rowWidth + GAP_X + width > maxRowWidth) {
                    rows.add(row);
                    wrapped.add(!first);
                    first = false;
                    row = new ArrayList<>();
                    rowWidth = 0;
                }
                rowWidth += (row.isEmpty() ? 0 : GAP_X) + width;
                row.add(model);
            }
            rows.add(row);
            wrapped.add(!first);
        }
        double drawingWidth = 0;
        for (List<String> row : rows) {
            drawingWidth = Math.max(drawingWidth, rowWidth(row, sizes));
        }
        Map<String, Rect> places = new LinkedHashMap<>();
        double y = MARGIN;
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (r > 0) {
                y += wrapped.get(r) ? WRAP_GAP_Y : GAP_Y;
            }
            double x = MARGIN + (drawingWidth - rowWidth(row, sizes)) / 2;
            double rowHeight = 0;
            for (String model : row) {
                double[] size = sizes.get(model);
                places.put(model, new Rect(round(x), round(y), size[0], size[1]));
                x += size[0] + GAP_X;
                rowHeight = Math.max(rowHeight, size[1]);
            }
            y += rowHeight;
        }
        return new Layout(diagram, places, round(drawingWidth + 2 * MARGIN), round(y + MARGIN));
    }

    private static double rowWidth(List<String> row, Map<String, double[]> sizes) {
        return row.stream().mapToDouble(m -> sizes.get(m)[0]).sum() + GAP_X * Math.max(0, row.size() - 1);
    }

    /**
     * Width and height of a box drawn in a monospace font: the title, then a row per field in three columns (name,
     * type, marks).
     */
    static double[] size(Box box) {
        double width = box.model().length() * TITLE_CHAR_WIDTH + (box.view() ? 7 * CHAR_WIDTH : 0);
        int marks = box.rows().stream()
                .mapToInt(r -> SvgRenderer.marks(r).length())
                .max()
                .orElse(0);
        int types = box.rows().stream().mapToInt(r -> r.type().length()).max().orElse(0);
        width = Math.max(width, (nameColumn(box) + types + (marks == 0 ? 0 : 2 + marks)) * CHAR_WIDTH);
        return new double[] {
            Math.ceil(width + 2 * PADDING), TITLE_HEIGHT + box.rows().size() * ROW_HEIGHT + PADDING / 2
        };
    }

    /** The characters of the name column, the type column starting after it. */
    static int nameColumn(Box box) {
        return box.rows().stream().mapToInt(r -> r.name().length()).max().orElse(0) + 2;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
