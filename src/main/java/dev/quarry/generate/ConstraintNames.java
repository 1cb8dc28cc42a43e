package dev.quarry.generate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The names Prisma gives constraints it is not told to name ({@code map:}), as in prisma-engines'
 * {@code ConstraintNames}: built from database names, cut to PostgreSQL's 63 bytes before the suffix.
 */
final class ConstraintNames {

    private static final int LIMIT = 63;

    private ConstraintNames() {}

    static String primaryKey(String table) {
        return cut(table, LIMIT - "_pkey".length()) + "_pkey";
    }

    static String unique(String table, List<String> columns) {
        return cut(table + "_" + String.join("_", columns), LIMIT - "_key".length()) + "_key";
    }

    static String index(String table, List<String> columns) {
        return cut(table + "_" + String.join("_", columns), LIMIT - "_idx".length()) + "_idx";
    }

    static String foreignKey(String table, List<String> columns) {
        return cut(table + "_" + String.join("_", columns), LIMIT - "_fkey".length()) + "_fkey";
    }

    /** Keeps at most {@code bytes} UTF-8 bytes, never splitting a character. */
    private static String cut(String name, int bytes) {
        if (name.getBytes(StandardCharsets.UTF_8).length < bytes) {
            return name;
        }
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int offset = 0; offset < name.length(); ) {
            int codePoint = name.codePointAt(offset);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > bytes) {
                break;
            }
            kept.appendCodePoint(codePoint);
            used += size;
            offset += Character.charCount(codePoint);
        }
        return kept.toString();
    }
}
