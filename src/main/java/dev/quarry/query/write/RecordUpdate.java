package dev.quarry.query.write;

import dev.quarry.schema.model.Model;
import java.util.List;

/** The {@code data} of an update (top-level or nested): column changes, and the nested writes of its relations. */
public record RecordUpdate(Model model, List<Assign> scalars, List<RelationWrite> relations) {
    public RecordUpdate {
        scalars = List.copyOf(scalars);
        relations = List.copyOf(relations);
    }
}
