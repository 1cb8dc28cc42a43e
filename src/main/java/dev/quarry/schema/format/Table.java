package dev.quarry.schema.format;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of aligned columns, each with an optional suffix (a trailing comment) that does not count for alignment,
 * and interleaved rows that are written verbatim. A blank line in a block starts a new table.
 */
final class Table {

    private sealed interface Row permits Regular, Interleaved {}

    private record Regular(List<StringBuilder> columns, StringBuilder suffix) implements Row {}

    private record Interleaved(String text) implements Row {}

    private final List<Row> rows = new ArrayList<>();

    void startRow() {
        rows.add(new Regular(new ArrayList<>(), new StringBuilder()));
    }

    /** The cell of column {@code index} in the last row, creating empty cells up to it. */
    StringBuilder column(int index) {
        Regular row = (Regular) rows.get(rows.size() - 1);
        while (row.columns.size() <= index) {
            row.columns.add(new StringBuilder());
        }
        while (row.columns.size() > index + 1) {
            row.columns.remove(row.columns.size() - 1);
        }
        return row.columns.get(index);
    }

    void appendSuffix(String text) {
        ((Regular) rows.get(rows.size() - 1)).suffix.append(text);
    }

    void interleave(String text) {
        rows.add(new Interleaved(text));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void renderTo(Output out) {
        List<Integer> widths = new ArrayList<>();
        for (Row row : rows) {
            if (row instanceof Regular regular) {
                List<StringBuilder> columns = regular.columns;
                while (!columns.isEmpty() && columns.get(columns.size() - 1).length() == 0) {
                    columns.remove(columns.size() - 1);
                }
                for (int i = 0; i < columns.size(); i++) {
                    int width = columns.get(i).toString().getBytes(StandardCharsets.UTF_8).length;
                    if (widths.size() <= i) {
                        widths.add(width);
                    } else {
                        widths.set(i, Math.max(widths.get(i), width));
                    }
                }
            }
        }
        for (Row row : rows) {
            if (row instanceof Regular regular) {
                List<StringBuilder> columns = regular.columns;
                for (int i = 0; i < columns.size(); i++) {
                    String cell = columns.get(i).toString();
                    out.write(cell);
                    if (i < columns.size() - 1) {
                        int width = cell.getBytes(StandardCharsets.UTF_8).length;
                        out.write(" ".repeat(widths.get(i) - width + 1));
                    }
                }
                if (regular.suffix.length() > 0) {
                    if (!columns.isEmpty()) {
                        out.write(" ");
                    }
                    out.write(regular.suffix.toString());
                }
            } else {
                out.write(((Interleaved) row).text);
            }
            out.endLine();
        }
        rows.clear();
    }
}
