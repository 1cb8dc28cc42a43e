package dev.quarry.query;

import dev.quarry.error.ErrorCode;
import java.util.List;

/**
 * Where an argument sits: the parameter it came from, the JSON path inside it, and whether its scalar
 * values were written as text (the curl shorthand) and so may be parsed by the field's type.
 */
public record ArgPath(String parameter, String path, boolean textValues) {

    public static ArgPath of(String parameter) {
        return new ArgPath(parameter, "", false);
    }

    public static ArgPath ofText(String parameter) {
        return new ArgPath(parameter, "", true);
    }

    public ArgPath key(String key) {
        return new ArgPath(parameter, path.isEmpty() ? key : path + "." + key, textValues);
    }

    public ArgPath index(int i) {
        return new ArgPath(parameter, path + "[" + i + "]", textValues);
    }

    /** The full location, as shown in error messages: {@code filter.author.name}. */
    public String display() {
        return path.isEmpty() ? parameter : parameter + "." + path;
    }

    public QueryException error(ErrorCode code, String message, List<String> allowed) {
        return new QueryException(new QueryError(code, parameter, path, message, allowed));
    }
}
