package dev.quarry.migrate.render;

import dev.quarry.migrate.check.Warning;
import dev.quarry.migrate.step.MigrationStep;
import java.util.List;

/**
 * A migration file's text, laid out as Prisma lays out {@code migration.sql}: the warnings in a
 * comment block, then each step under its {@code -- Description} line, statements ending in
 * {@code ;}, a blank line between steps.
 */
public final class MigrationScript {

    private MigrationScript() {}

    public static String render(List<MigrationStep> steps, List<Warning> warnings, PostgresRenderer renderer) {
        StringBuilder script = new StringBuilder();
        if (!warnings.isEmpty()) {
            script.append("/*\n  Warnings:\n\n");
            for (Warning warning : warnings) {
                script.append("  - ").append(warning.message()).append('\n');
            }
            script.append("\n*/\n");
        }
        for (int i = 0; i < steps.size(); i++) {
            script.append("-- ").append(steps.get(i).description()).append('\n');
            for (String statement : renderer.render(steps.get(i))) {
                script.append(statement).append(";\n");
            }
            if (i < steps.size() - 1) {
                script.append('\n');
            }
        }
        return script.toString();
    }

    /** An empty migration says so, as Prisma's does. */
    public static String renderOrEmpty(List<MigrationStep> steps, List<Warning> warnings, PostgresRenderer renderer) {
        return steps.isEmpty() ? "-- This is an empty migration.\n" : render(steps, warnings, renderer);
    }
}
