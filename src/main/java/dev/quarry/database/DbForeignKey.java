package dev.quarry.database;

import dev.quarry.schema.model.ReferentialAction;
import java.util.List;

/** {@code CONSTRAINT "name" FOREIGN KEY ("a") REFERENCES "schema"."table"("id") ON DELETE … ON UPDATE …}. */
public record DbForeignKey(
        String name,
        List<String> columns,
        String referencedSchema,
        String referencedTable,
        List<String> referencedColumns,
        ReferentialAction onDelete,
        ReferentialAction onUpdate) {

    public DbForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
    }

    public boolean sameDefinition(DbForeignKey other) {
        return columns.equals(other.columns)
                && referencedSchema.equals(other.referencedSchema)
                && referencedTable.equals(other.referencedTable)
                && referencedColumns.equals(other.referencedColumns)
                && onDelete == other.onDelete
                && onUpdate == other.onUpdate;
    }
}
