package dev.quarry.database;

import dev.quarry.schema.model.RawSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A row-level security policy: {@code CREATE POLICY name ON table AS PERMISSIVE|RESTRICTIVE FOR command TO roles
 * USING (using) WITH CHECK (withCheck)}. PostgreSQL keeps its own rewrite of the expressions, not Quarry's text, so
 * Quarry marks each policy it creates with a comment holding a fingerprint of its definition ({@link
 * #fingerprint()}) and compares those: a policy changed behind Quarry's back without its comment goes unnoticed.
 *
 * @param roles   role names, {@code public} for every role
 * @param comment the policy's comment: Quarry's fingerprint when Quarry made it
 */
public record DbPolicy(
        String name,
        Command command,
        boolean permissive,
        List<String> roles,
        Optional<RawSql> using,
        Optional<RawSql> withCheck,
        Optional<String> comment) {

    public DbPolicy {
        roles = List.copyOf(roles);
    }

    /** A policy as Quarry creates it, its comment its fingerprint. */
    public static DbPolicy of(
            String name,
            Command command,
            boolean permissive,
            List<String> roles,
            Optional<RawSql> using,
            Optional<RawSql> withCheck) {
        DbPolicy unmarked = new DbPolicy(name, command, permissive, roles, using, withCheck, Optional.empty());
        return new DbPolicy(name, command, permissive, roles, using, withCheck, Optional.of(unmarked.fingerprint()));
    }

    public enum Command {
        ALL,
        SELECT,
        INSERT,
        UPDATE,
        DELETE
    }

    /** {@code quarry:} and 16 hex digits of the SHA-256 of the definition. */
    public String fingerprint() {
        String definition = String.join(
                "\n",
                command.name(),
                String.valueOf(permissive),
                String.join(",", roles),
                using.map(RawSql::text).orElse(""),
                withCheck.map(c -> "CHECK " + c.text()).orElse(""));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(definition.getBytes(StandardCharsets.UTF_8));
            return "quarry:" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code next} (as Quarry would create it) is this policy of the database. */
    public boolean sameAs(DbPolicy next) {
        return name.equals(next.name)
                && command == next.command
                && permissive == next.permissive
                && roles.equals(next.roles)
                && comment.equals(next.comment);
    }
}
