package dev.quarry.query.write;

import dev.quarry.schema.model.Model;
import java.util.List;

/** The {@code data} of a create (top-level or nested): its columns, and the nested writes of its relations. */
public record RecordCreate(Model model, List<Assign> scalars, List<RelationWrite> relations) {
    public RecordCreate {
        scalars = List.copyOf(scalars);
        relations = List.copyOf(relations);
    }
}
