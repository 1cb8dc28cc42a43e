package dev.quarry.database;

import java.util.List;
import java.util.Optional;

/** {@code CREATE [UNIQUE] INDEX "name" ON "table" [USING method] ("a" DESC, "b" jsonb_path_ops)}. */
public record DbIndex(String name, boolean unique, IndexMethod method, List<IndexColumn> columns) {

    public DbIndex {
        columns = List.copyOf(columns);
    }

    public List<String> columnNames() {
        return columns.stream().map(IndexColumn::name).toList();
    }

    /** The same index under another name: what a rename of its table or columns gives. */
    public boolean sameDefinition(DbIndex other) {
        return unique == other.unique && method == other.method && columns.equals(other.columns);
    }

    public enum IndexMethod {
        BTREE,
        HASH,
        GIST,
        GIN,
        SPGIST,
        BRIN;

        public String sql() {
            return name();
        }

        public static IndexMethod fromPrisma(String type) {
            return switch (type) {
                case "Hash" -> HASH;
                case "Gist" -> GIST;
                case "Gin" -> GIN;
                case "SpGist" -> SPGIST;
                case "Brin" -> BRIN;
                default -> BTREE;
            };
        }
    }

    public enum SortOrder {
        ASC,
        DESC
    }

    /** One column of an index; an empty sort order and {@code ASC} are the same thing. */
    public record IndexColumn(String name, SortOrder sort, Optional<String> operatorClass) {
        public static IndexColumn of(String name) {
            return new IndexColumn(name, SortOrder.ASC, Optional.empty());
        }
    }
}
