package dev.quarry.api;

import dev.quarry.error.ErrorCode;
import java.util.Map;

/** An error the api stage itself decides on (a record not found, a route that does not exist). */
public final class ApiException extends RuntimeException {

    private final Failure.Refused failure;

    public ApiException(ErrorCode code, String detail, Map<String, Object> meta) {
        super(detail, null, false, false);
        this.failure = new Failure.Refused(code, detail, meta);
    }

    public Failure.Refused failure() {
        return failure;
    }

    public static ApiException notFound(String model, String detail) {
        return new ApiException(ErrorCode.RECORD_NOT_FOUND, detail, Map.of("modelName", model, "operation", "a query"));
    }
}
