package dev.quarry.database;

/**
 * One privilege given to one role on a table, one of its columns, or the sequence of one of its
 * autoincrement columns: {@code GRANT SELECT ON TABLE "Post" TO PUBLIC}, {@code GRANT UPDATE ("title") ON TABLE
 * "Post" TO "quarry_admin"}, {@code GRANT USAGE ON SEQUENCE "Post_id_seq" TO PUBLIC}.
 *
 * @param object  the column or sequence name; empty for the table itself
 * @param grantee a role name, or {@link #PUBLIC}
 */
public record DbGrant(On on, String object, String privilege, String grantee) {

    public static final String PUBLIC = "PUBLIC";

    public enum On {
        TABLE,
        COLUMN,
        SEQUENCE
    }

    public static DbGrant table(String privilege, String grantee) {
        return new DbGrant(On.TABLE, "", privilege, grantee);
    }

    public static DbGrant column(String column, String privilege, String grantee) {
        return new DbGrant(On.COLUMN, column, privilege, grantee);
    }

    public static DbGrant sequence(String sequence, String grantee) {
        return new DbGrant(On.SEQUENCE, sequence, "USAGE", grantee);
    }
}
