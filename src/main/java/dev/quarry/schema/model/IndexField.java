package dev.quarry.schema.model;

import java.util.Optional;

/** One field of an id, unique or index: {@code title(sort: Desc, length: 10, ops: JsonbPathOps)}. */
public record IndexField(String name, Optional<SortOrder> sort, Optional<Integer> length, Optional<String> ops) {

    public enum SortOrder {
        ASC,
        DESC
    }

    public static IndexField of(String name) {
        return new IndexField(name, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
