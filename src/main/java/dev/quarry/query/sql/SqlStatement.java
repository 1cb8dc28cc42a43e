package dev.quarry.query.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A rendered statement: its text (a pure function of the query's shape, since every value is a
 * parameter, so the pool's prepared-statement cache caches by shape) and its parameters.
 *
 * @param params {@code null}, {@code String} or {@code String[]} each
 */
public record SqlStatement(String text, List<Object> params) {

    public SqlStatement {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }
}
