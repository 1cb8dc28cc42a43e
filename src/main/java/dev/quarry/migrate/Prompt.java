package dev.quarry.migrate;

import java.util.Optional;

/** Questions to the person at the terminal; empty when nobody can answer (CI, a pipe). */
public interface Prompt {

    /** @return the answer, or empty when there is no one to ask */
    Optional<Boolean> confirm(String question);

    static Prompt nobody() {
        return question -> Optional.empty();
    }
}
