package dev.quarry.api;

import java.util.Map;

/**
 * An error the api stage itself decides on (a record not found, a route that does not exist), with its problem
 * document.
 */
public final class ApiException extends RuntimeException {

    private final Problem problem;

    public ApiException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ApiException notFound(String model, String detail) {
        return new ApiException(new Problem(ProblemMapper.TYPE_BASE + "P2025", "Record not found", 404, detail, "P2025",
                Map.of("modelName", model, "operation", "a query")));
    }
}
