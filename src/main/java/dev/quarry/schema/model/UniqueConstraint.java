package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code @unique} or {@code @@unique([a, b], name: "…", map: "…", where: …)}.
 *
 * @param name  the client name of a compound unique; empty means Prisma's {@code a_b}
 * @param map   the index name; empty means Prisma's {@code Table_a_b_key}
 * @param where a partial index's predicate, the SQL Prisma writes inside {@code WHERE (…)}; Prisma Client 7 still
 *              offers such a unique in {@code WhereUniqueInput}, and so does Quarry
 */
public record UniqueConstraint(
        List<IndexField> fields,
        Optional<String> name,
        Optional<String> map,
        boolean fieldLevel,
        Optional<String> where) {
    public UniqueConstraint {
        fields = List.copyOf(fields);
    }

    public List<String> fieldNames() {
        return fields.stream().map(IndexField::name).toList();
    }
}
