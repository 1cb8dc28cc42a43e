package dev.quarry.diagram;

/** A box's place in the drawing: top-left corner, width and height, in SVG user units. */
public record Rect(double x, double y, double width, double height) {

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height / 2;
    }

    public boolean overlaps(Rect other) {
        return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
    }

    /** Where the line from this box's center towards {@code (towardX, towardY)} leaves the box. */
    public double[] border(double towardX, double towardY) {
        double dx = towardX - centerX();
        double dy = towardY - centerY();
        if (dx == 0 && dy == 0) {
            return new double[] {centerX(), centerY()};
        }
        double scale = Math.min(
                dx == 0 ? Double.MAX_VALUE : (width / 2) / Math.abs(dx),
                dy == 0 ? Double.MAX_VALUE : (height / 2) / Math.abs(dy));
        return new double[] {centerX() + dx * scale, centerY() + dy * scale};
    }
}
