package dev.quarry.diagram;

import java.util.Map;

/** A {@link Diagram} with a place for every box, and the size of the whole drawing. */
public record Layout(Diagram diagram, Map<String, Rect> places, double width, double height) {

    public Layout {
        places = Map.copyOf(places);
    }

    public Rect place(String model) {
        return places.get(model);
    }
}
