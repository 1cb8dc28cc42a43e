package dev.quarry.database;

import dev.quarry.schema.model.RawSql;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code CREATE [UNIQUE] INDEX "name" ON "table" [USING method] ("a" DESC, "b" jsonb_path_ops) [WHERE
 * (predicate)]}.
 *
 * @param where a partial index's predicate: Prisma's text when calculated from a schema, PostgreSQL's
 * ({@code pg_get_expr}) when described; {@link #sameDefinition} compares them as {@link #canonical} prints them
 */
public record DbIndex(
        String name, boolean unique, IndexMethod method, List<IndexColumn> columns, Optional<RawSql> where) {

    private static final Pattern CAST =
            Pattern.compile("::(timestamp(\\(\\d+\\))? with(out)? time zone|character varying|double precision|bit "
                    + "varying|\"?[a-z_][a-z0-9_]*\"?)(\\(\\d+(,\\d+)?\\))?(\\[\\])?");

    public DbIndex {
        columns = List.copyOf(columns);
    }

    public DbIndex(String name, boolean unique, IndexMethod method, List<IndexColumn> columns) {
        this(name, unique, method, columns, Optional.empty());
    }

    public List<String> columnNames() {
        return columns.stream().map(IndexColumn::name).toList();
    }

    /** The same index under another name: what a rename of its table or columns gives. */
    public boolean sameDefinition(DbIndex other) {
        return unique == other.unique
                && method == other.method
                && columns.equals(other.columns)
                && where.map(w -> canonical(w.text())).equals(other.where.map(w -> canonical(w.text())));
    }

    /**
     * A predicate without what PostgreSQL adds when it prints one back: parentheses, casts of literals and columns,
     * identifier quotes, case and spacing outside string literals; {@code !=} is {@code <>}. Regrouping alone is
     * therefore not seen as a change.
     */
    static String canonical(String predicate) {
        StringBuilder out = new StringBuilder();
        String[] parts = predicate.split("'", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 1) {
                out.append('\'').append(parts[i]).append('\'');
                continue;
            }
            String code = CAST.matcher(parts[i].toLowerCase()).replaceAll("");
            code = code.replace("(", " ").replace(")", " ").replace("\"", "").replace("!=", "<>");
            out.append(code.replaceAll("\\s+", " "));
        }
        return out.toString().replaceAll("\\s+", " ").strip();
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
    public record IndexColumn(String name, SortOrder sort, Optional<RawSql> operatorClass) {
        public static IndexColumn of(String name) {
            return new IndexColumn(name, SortOrder.ASC, Optional.empty());
        }
    }
}
