package dev.quarry.database;

/** Prisma's operator class names ({@code JsonbPathOps}, {@code raw("gin_trgm_ops")}) as PostgreSQL names them. */
final class OperatorClasses {

    private OperatorClasses() {}

    /**
     * Operator classes that are their type's default for the index method: PostgreSQL does not
     * record them as chosen, so a shape keeps none (as an index written without {@code ops:} has).
     */
    static boolean isDefault(String operatorClass) {
        return operatorClass.equals("array_ops") || operatorClass.equals("jsonb_ops");
    }

    static String fromPrisma(String ops) {
        String trimmed = ops.trim();
        if (trimmed.startsWith("raw(")) {
            return trimmed.substring(4, trimmed.length() - 1).trim().replace("\"", "");
        }
        String joined = trimmed.replace("MinMax", "Minmax")
                .replace("TimestampTz", "Timestamptz")
                .replace("TimeTz", "Timetz")
                .replace("VarBit", "Varbit")
                .replace("VarChar", "Varchar")
                .replace("MacAddr", "Macaddr")
                .replace("TsVector", "Tsvector");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }
}
