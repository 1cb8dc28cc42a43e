package dev.quarry.query;

import dev.quarry.error.ErrorCode;
import java.util.List;
import java.util.Map;

/**
 * A client mistake in the arguments of a read: what is wrong, where, and what is allowed there.
 *
 * @param code      Quarry's code ({@code Q1xx}: request arguments), or Prisma's where it has one
 * @param parameter the query parameter or RPC body key the mistake is in ({@code filter}, {@code orderBy}, {@code
 * body}, …)
 * @param path the JSON path inside that parameter ({@code filter.author.is.name.contains}); empty for the parameter
 * itself
 * @param message   one sentence for a human
 * @param allowed   what would have been accepted at that place (field names, operators, a type); may be empty
 * @param prismaMeta the {@code meta} keys Prisma 7 gives the same mistake, for Prisma's codes ({@code P2019}'s
 * {@code modelName} and {@code details}); empty for Quarry's own
 */
public record QueryError(
        ErrorCode code,
        String parameter,
        String path,
        String message,
        List<String> allowed,
        Map<String, Object> prismaMeta) {

    public QueryError {
        allowed = List.copyOf(allowed);
        prismaMeta = Map.copyOf(prismaMeta);
    }

    public QueryError(ErrorCode code, String parameter, String path, String message, List<String> allowed) {
        this(code, parameter, path, message, allowed, Map.of());
    }
}
