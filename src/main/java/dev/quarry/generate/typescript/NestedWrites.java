package dev.quarry.generate.typescript;

/**
 * The nested writes below a relation (Prisma's {@code PostCreateNestedManyWithoutAuthorInput} …), written out as
 * object types in each field. Not generic aliases: tsc measures a generic alias's variance over the
 * self-referencing inputs and stops with "excessively deep" on schemas with self-relations.
 */
final class NestedWrites {

    private NestedWrites() {}

    static String createOne(String create, String unique) {
        return "{ create?: " + create + "; connectOrCreate?: { where: " + unique + "; create: " + create
                + " }; connect?: " + unique + " }";
    }

    static String createMany(String create, String unique) {
        String connectOrCreate = "{ where: " + unique + "; create: " + create + " }";
        return "{ create?: " + create + " | " + create + "[]; connectOrCreate?: " + connectOrCreate + " | "
                + connectOrCreate + "[]; connect?: " + unique + " | " + unique + "[] }";
    }

    static String updateOne(String create, String unique, String update, String where, boolean optional) {
        return "{ create?: " + create + "; connectOrCreate?: { where: " + unique + "; create: " + create
                + " }; connect?: " + unique + "; update?: " + update
                + " | { where?: " + where + "; data: " + update + " }; upsert?: { create: " + create + "; update: "
                + update + "; where?: " + where + " }"
                + (optional ? "; disconnect?: boolean | " + where + "; delete?: boolean | " + where : "") + " }";
    }

    static String updateMany(String create, String unique, String update, String where, String updateMany) {
        String connectOrCreate = "{ where: " + unique + "; create: " + create + " }";
        String updateOne = "{ where: " + unique + "; data: " + update + " }";
        String upsert = "{ where: " + unique + "; create: " + create + "; update: " + update + " }";
        String many = "{ where: " + where + "; data: " + updateMany + " }";
        return "{ create?: " + create + " | " + create + "[]; connectOrCreate?: " + connectOrCreate + " | "
                + connectOrCreate + "[]; connect?: " + unique
                + " | " + unique + "[]; set?: " + unique + " | " + unique + "[]; disconnect?: " + unique + " | "
                + unique + "[]; delete?: " + unique + " | "
                + unique + "[]; update?: " + updateOne + " | " + updateOne + "[]; upsert?: " + upsert + " | " + upsert
                + "[]; updateMany?: " + many + " | "
                + many + "[]; deleteMany?: " + where + " | " + where + "[] }";
    }
}
