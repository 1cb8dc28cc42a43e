package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code @id} or {@code @@id([a, b], name: "…", map: "…")}.
 *
 * @param name the client name of a compound id ({@code name:}); empty means Prisma's {@code a_b}
 * @param map  the constraint name ({@code map:}); empty means Prisma's {@code Table_pkey}
 */
public record PrimaryKey(List<IndexField> fields, Optional<String> name, Optional<String> map) {
    public PrimaryKey {
        fields = List.copyOf(fields);
    }

    public List<String> fieldNames() {
        return fields.stream().map(IndexField::name).toList();
    }
}
