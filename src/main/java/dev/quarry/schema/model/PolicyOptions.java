package dev.quarry.schema.model;

import java.util.List;

/**
 * How the tables of models with access rules are reached, declared once in the datasource block, in a {@code ///}
 * comment so that Prisma's own tools still accept the file:
 * {@code /// @@policies(roles: ["quarry_anon", "quarry_user", "quarry_admin"], force: true)}.
 *
 * @param roles the roles given the table and sequence privileges (row-level security then picks the rows); never
 *              {@code PUBLIC}, so a login granted none of them reaches none of these tables
 * @param force whether row-level security also binds the tables' owner ({@code FORCE ROW LEVEL SECURITY})
 */
public record PolicyOptions(List<String> roles, boolean force) {

    /** No roles declared: the tables of models with rules are granted to nobody, only their owner reaches them. */
    public static final PolicyOptions NONE = new PolicyOptions(List.of(), false);

    public PolicyOptions {
        roles = List.copyOf(roles);
    }
}
