package dev.quarry.query.sql;

import dev.quarry.query.plan.Hop;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Relation;
import java.util.ArrayList;
import java.util.List;

/** The join condition of a relation between a row of the parent alias and a row of the child alias. */
final class Links {

    private Links() {}

    static Sql table(Model model) {
        return Sql.qualified(model.dbSchema(), model.dbName());
    }

    static Sql column(Sql alias, Model model, String fieldName) {
        return Sql.of(alias, ".", Sql.ident(model.scalarField(fieldName).dbName()));
    }

    /** {@code parent}'s row is linked to {@code child}'s row (of {@code hop.to()}). */
    static Sql link(Hop hop, Sql parent, Sql child, Aliases aliases) {
        Relation r = hop.relation();
        if (r.kind() == Relation.Kind.MANY_TO_MANY) {
            Sql j = aliases.next("j");
            Sql aSide = hop.fromIsJoinColumnA() ? parent : child;
            Sql bSide = hop.fromIsJoinColumnA() ? child : parent;
            Model aModel = hop.fromIsJoinColumnA() ? hop.from() : hop.to();
            Model bModel = hop.fromIsJoinColumnA() ? hop.to() : hop.from();
            Sql joinTable = Sql.qualified(hop.from().dbSchema(), r.joinTableName());
            return Sql.of(
                    "EXISTS (SELECT 1 FROM ",
                    joinTable,
                    " ",
                    j,
                    " WHERE ",
                    j,
                    ".\"A\" = ",
                    column(aSide, aModel, r.referencingScalars().get(0)),
                    " AND ",
                    j,
                    ".\"B\" = ",
                    column(bSide, bModel, r.referencedScalars().get(0)),
                    ")");
        }
        List<Sql> parts = new ArrayList<>();
        for (int i = 0; i < r.referencingScalars().size(); i++) {
            if (hop.fromHoldsForeignKey()) {
                parts.add(Sql.of(
                        column(child, hop.to(), r.referencedScalars().get(i)),
                        " = ",
                        column(parent, hop.from(), r.referencingScalars().get(i))));
            } else {
                parts.add(Sql.of(
                        column(child, hop.to(), r.referencingScalars().get(i)),
                        " = ",
                        column(parent, hop.from(), r.referencedScalars().get(i))));
            }
        }
        return Sql.join(" AND ", parts);
    }

    /**
     * For a to-one relation whose foreign key {@code parent} holds: the key is (partly) null, so no row is linked.
     */
    static Sql foreignKeyIsNull(Hop hop, Sql parent) {
        List<Sql> parts = hop.relation().referencingScalars().stream()
                .map(s -> Sql.of(column(parent, hop.from(), s), " IS NULL"))
                .toList();
        return Sql.of("(", Sql.join(" OR ", parts), ")");
    }
}
