package dev.quarry.migrate.diff;

import dev.quarry.migrate.step.MigrationStep;
import java.util.List;

/** The ordered steps from one shape to another, and the renames the differ suspects but was not told about. */
public record DiffResult(List<MigrationStep> steps, List<RenameCandidate> renameCandidates) {
    public DiffResult {
        steps = List.copyOf(steps);
        renameCandidates = List.copyOf(renameCandidates);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }
}
