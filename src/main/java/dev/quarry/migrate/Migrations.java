package dev.quarry.migrate;

import dev.quarry.database.DatabaseShape;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.migrate.check.DestructiveChecks;
import dev.quarry.migrate.check.Warning;
import dev.quarry.migrate.diff.DiffResult;
import dev.quarry.migrate.diff.Renames;
import dev.quarry.migrate.diff.ShapeDiffer;
import dev.quarry.migrate.render.MigrationScript;
import dev.quarry.migrate.render.PostgresRenderer;
import dev.quarry.schema.model.Schema;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The entry points of the migration stage that need no database. */
public final class Migrations {

    public static final String DEFAULT_SCHEMA = "public";

    private Migrations() {}

    /**
     * The SQL that creates the schema's database from nothing, as Prisma's {@code migrate diff --from-empty
     * --script} writes it.
     */
    public static String createScript(Schema schema) {
        return createScript(schema, DEFAULT_SCHEMA);
    }

    public static String createScript(Schema schema, String defaultSchema) {
        return script(
                DatabaseShape.empty(), ShapeCalculator.calculate(schema, defaultSchema), Renames.none(), defaultSchema);
    }

    /** The migration from one shape to another, with warnings computed without a database. */
    public static String script(DatabaseShape previous, DatabaseShape next, Renames renames, String defaultSchema) {
        DiffResult diff = ShapeDiffer.diff(previous, next, renames);
        return MigrationScript.renderOrEmpty(diff.steps(), pureWarnings(diff), new PostgresRenderer(defaultSchema));
    }

    static List<Warning> pureWarnings(DiffResult diff) {
        try {
            return DestructiveChecks.check(diff.steps(), Optional.empty());
        } catch (SQLException e) {
            throw new IllegalStateException("a check without a database cannot fail on one", e);
        }
    }
}
