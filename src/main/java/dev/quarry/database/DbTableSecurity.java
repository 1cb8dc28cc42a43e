package dev.quarry.database;

import java.util.List;

/**
 * The access control of one table: whether row-level security is on (and forced, so that it binds the table's owner
 * too), its policies, and the privileges given on it. Quarry manages the privileges only of tables with row-level
 * security on (the tables of models with access policies); the grants of other tables are the database
 * administrator's and are never read or changed.
 */
public record DbTableSecurity(
        String schema,
        String table,
        boolean rowSecurity,
        boolean force,
        List<DbPolicy> policies,
        List<DbGrant> grants) {

    public DbTableSecurity {
        policies = List.copyOf(policies);
        grants = List.copyOf(grants);
    }
}
