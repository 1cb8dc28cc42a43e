package dev.quarry.schema.model;

import java.util.List;
import java.util.Optional;

/**
 * {@code @@index([a, b(sort: Desc)], name: "…", map: "…", type: Gin, where: …)} or {@code @@fulltext([…])}.
 *
 * @param name  the {@code name:} argument (legacy spelling of the index name)
 * @param map   the index name; empty (and no name) means Prisma's {@code Table_a_b_idx}
 * @param type {@code BTree}, {@code Hash}, {@code Gist}, {@code Gin}, {@code SpGist}, {@code Brin}; empty means
 * BTree
 * @param where a partial index's predicate, the SQL Prisma writes inside {@code WHERE (…)}
 */
public record Index(
        List<IndexField> fields,
        Optional<String> name,
        Optional<String> map,
        Optional<String> type,
        boolean fulltext,
        Optional<String> where) {
    public Index {
        fields = List.copyOf(fields);
    }

    public List<String> fieldNames() {
        return fields.stream().map(IndexField::name).toList();
    }
}
