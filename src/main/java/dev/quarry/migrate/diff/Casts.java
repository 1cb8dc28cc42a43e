package dev.quarry.migrate.diff;

import dev.quarry.database.ColumnType;
import dev.quarry.migrate.step.TableChange.CastKind;
import java.util.List;

/**
 * What changing a column from one type to another does to its values, as Prisma classifies it for
 * PostgreSQL: a safe cast keeps every value, a risky one may fail or cut values, and a type
 * PostgreSQL cannot cast to means dropping the column and adding it again.
 */
final class Casts {

    private static final List<String> INTEGERS = List.of("SMALLINT", "INTEGER", "BIGINT");
    private static final List<String> STRINGS = List.of("TEXT", "VARCHAR", "CHAR", "CITEXT");

    private Casts() {}

    static CastKind classify(ColumnType previous, ColumnType next) {
        if (previous.list() != next.list()) {
            return CastKind.NOT_CASTABLE;
        }
        if (previous.family() != ColumnType.Family.BUILTIN || next.family() != ColumnType.Family.BUILTIN) {
            if (previous.isEnum() && isString(next)) {
                return unbounded(next) ? CastKind.SAFE : CastKind.RISKY;
            }
            if (isString(previous) && next.isEnum()) {
                return CastKind.RISKY;
            }
            return CastKind.NOT_CASTABLE;
        }
        String a = previous.name();
        String b = next.name();
        if (a.equals(b)) {
            return widens(previous.arguments(), next.arguments()) ? CastKind.SAFE : CastKind.RISKY;
        }
        if (isString(next) && !a.equals("BYTEA")) {
            return unbounded(next) ? CastKind.SAFE : CastKind.RISKY;
        }
        if (isString(previous)) {
            return b.equals("BYTEA") ? CastKind.NOT_CASTABLE : CastKind.RISKY;
        }
        int ai = INTEGERS.indexOf(a);
        int bi = INTEGERS.indexOf(b);
        if (ai >= 0 && bi >= 0) {
            return bi > ai ? CastKind.SAFE : CastKind.RISKY;
        }
        if (ai >= 0 && (b.equals("DECIMAL") || b.equals("DOUBLE PRECISION") || (b.equals("REAL") && ai == 0))) {
            return CastKind.SAFE;
        }
        if (isNumber(a) && isNumber(b)) {
            return a.equals("REAL") && b.equals("DOUBLE PRECISION") ? CastKind.SAFE : CastKind.RISKY;
        }
        if (a.equals("DATE") && (b.equals("TIMESTAMP") || b.equals("TIMESTAMPTZ"))) {
            return CastKind.SAFE;
        }
        if (isTime(a) && isTime(b)) {
            return CastKind.RISKY;
        }
        if ((a.equals("JSON") && b.equals("JSONB")) || (a.equals("JSONB") && b.equals("JSON"))) {
            return CastKind.SAFE;
        }
        return CastKind.NOT_CASTABLE;
    }

    private static boolean isString(ColumnType type) {
        return type.family() == ColumnType.Family.BUILTIN && STRINGS.contains(type.name());
    }

    private static boolean unbounded(ColumnType type) {
        return type.name().equals("TEXT")
                || type.name().equals("CITEXT")
                || (type.name().equals("VARCHAR") && type.arguments().isEmpty());
    }

    private static boolean isNumber(String name) {
        return INTEGERS.contains(name)
                || List.of("DECIMAL", "REAL", "DOUBLE PRECISION", "MONEY").contains(name);
    }

    private static boolean isTime(String name) {
        return List.of("DATE", "TIMESTAMP", "TIMESTAMPTZ", "TIME", "TIMETZ").contains(name);
    }

    /**
     * {@code VARCHAR(10)} → {@code VARCHAR(20)}, {@code DECIMAL(10,2)} → {@code DECIMAL(12,4)}, bounded →
     * unbounded.
     */
    private static boolean widens(List<Integer> previous, List<Integer> next) {
        if (next.isEmpty()) {
            return true;
        }
        if (previous.isEmpty() || previous.size() != next.size()) {
            return false;
        }
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i) < previous.get(i)) {
                return false;
            }
        }
        return true;
    }
}
