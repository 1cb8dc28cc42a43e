package dev.quarry.database;

import dev.quarry.schema.model.RawSql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A CHECK constraint. As with policies ({@link DbPolicy}), PostgreSQL keeps its own rewrite of the expression, so
 * Quarry comments each constraint it makes with a fingerprint of its expression and the rule as written
 * ({@code quarry:1a2b… @length(1, 80)}), compares fingerprints, and reads the rule back from the comment.
 *
 * @param expression the condition, as Quarry writes it or (read from a database) as PostgreSQL prints it
 * @param comment    {@code quarry:<fingerprint> <rule>} when Quarry made it
 */
public record DbCheck(String name, RawSql expression, Optional<String> comment) {

    private static final String MARK = "quarry:";

    /** A constraint as Quarry creates it for the rule written as {@code source}. */
    public static DbCheck of(String name, RawSql expression, String source) {
        return new DbCheck(name, expression, Optional.of(fingerprint(expression) + " " + source));
    }

    /** {@code quarry:} and 16 hex digits of the SHA-256 of the expression. */
    static String fingerprint(RawSql expression) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(expression.text().getBytes(StandardCharsets.UTF_8));
            return MARK + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether Quarry made this constraint (its comment carries the mark). */
    public boolean managed() {
        return comment.filter(c -> c.startsWith(MARK)).isPresent();
    }

    /** The rule as written, from Quarry's comment: {@code @email}, {@code @@validate(…)}. */
    public Optional<String> source() {
        return comment.filter(c -> c.startsWith(MARK) && c.indexOf(' ') > 0).map(c -> c.substring(c.indexOf(' ') + 1));
    }

    private Optional<String> fingerprintOfComment() {
        return comment.filter(c -> c.startsWith(MARK))
                .map(c -> c.indexOf(' ') > 0 ? c.substring(0, c.indexOf(' ')) : c);
    }

    /**
     * Whether {@code next} (as Quarry would create it) is this constraint of the database: same name and
     * fingerprint. A constraint Quarry did not mark is taken as it is (its expression is PostgreSQL's rewrite, not
     * comparable).
     */
    public boolean sameAs(DbCheck next) {
        return name.equals(next.name) && (!managed() || fingerprintOfComment().equals(next.fingerprintOfComment()));
    }
}
