package dev.quarry.api.parity;

import java.util.Optional;
import java.util.Set;

/**
 * The kind of a refusal, comparable between Quarry and the Prisma peer. "VALIDATION", for arguments refused before
 * any SQL runs: Quarry's own Q codes (its precise names for argument errors), the peer's VALIDATION (Prisma
 * Client's PrismaClientValidationError), and the query engine's input errors P2009 ("Failed to validate the query")
 * and P2019 ("Input error", e.g. findFirst with take 3). Any other Prisma error code (P2025 …) stands for itself. A
 * 5xx, or a body with neither, has no kind: a server failure on either side is never an agreement.
 */
public final class ErrorKind {

    private ErrorKind() {}

    private static final Set<String> PRISMA_INPUT_ERRORS = Set.of("P2009", "P2019");

    public static Optional<String> of(int status, String code) {
        if (status < 400 || status >= 500) {
            return Optional.empty();
        }
        if (code.equals("VALIDATION") || PRISMA_INPUT_ERRORS.contains(code) || code.matches("Q\\d{3}")) {
            return Optional.of("VALIDATION");
        }
        return code.matches("P\\d{4}") ? Optional.of(code) : Optional.empty();
    }
}
