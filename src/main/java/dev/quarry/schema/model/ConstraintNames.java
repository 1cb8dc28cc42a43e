package dev.quarry.schema.model;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prisma's default constraint and index names for PostgreSQL: {@code Table_pkey},
 * {@code Table_a_b_key}, {@code Table_a_idx}, {@code Table_a_fkey}, cut to fit the 63-byte limit of
 * identifiers the way Prisma cuts them (table and columns first, then the suffix).
 */
public final class ConstraintNames {

    public static final int MAX_IDENTIFIER_BYTES = 63;

    private ConstraintNames() {}

    public static String primaryKey(String table) {
        return cut(table, MAX_IDENTIFIER_BYTES - 5) + "_pkey";
    }

    public static String unique(String table, List<String> columns) {
        return withSuffix(table, columns, "_key");
    }

    public static String index(String table, List<String> columns) {
        return withSuffix(table, columns, "_idx");
    }

    public static String foreignKey(String table, List<String> columns) {
        return cut(table + "_" + String.join("_", columns), MAX_IDENTIFIER_BYTES - 5) + "_fkey";
    }

    /** A data rule's CHECK constraint: {@code User_email_email_check}, {@code User_age_gte_check}. */
    public static String fieldCheck(String table, String column, String rule) {
        return withSuffix(table, List.of(column, rule), "_check");
    }

    /** The {@code n}th {@code @@validate} of a model, from 1: {@code Post_validate_1_check}. */
    public static String validateCheck(String table, int n) {
        return withSuffix(table, List.of("validate", String.valueOf(n)), "_check");
    }

    private static String withSuffix(String table, List<String> columns, String suffix) {
        return cut(table + "_" + String.join("_", columns), MAX_IDENTIFIER_BYTES - suffix.length()) + suffix;
    }

    /** The longest prefix of at most {@code limit} UTF-8 bytes that ends on a character boundary. */
    private static String cut(String text, int limit) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= limit) {
            return text;
        }
        int end = limit;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
