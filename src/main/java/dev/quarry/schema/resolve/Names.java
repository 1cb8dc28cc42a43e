package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Ident;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules on names as written: identifiers Prisma's grammar lets through but its name rules reject, and attributes
 * allowed once.
 */
final class Names {

    private Names() {}

    /** False, with the error pushed, when {@code name} starts with a digit or contains a {@code -}. */
    static boolean valid(Ident name, String kind, Context ctx) {
        String text = name.name();
        if (!text.isEmpty() && Character.isDigit(text.charAt(0))) {
            ctx.push(SchemaErrors.validation(name.span(), "The name of a " + kind + " must not start with a number."));
            return false;
        }
        if (text.contains("-")) {
            ctx.push(SchemaErrors.validation(name.span(), "The character `-` is not allowed in " + kind + " names."));
            return false;
        }
        return true;
    }

    /** Every occurrence of a repeated single attribute is reported, as Prisma does. */
    static void singleAttributesOnce(List<Attribute> attributes, Set<String> single, Context ctx) {
        Map<String, Integer> counts = new HashMap<>();
        attributes.forEach(a -> counts.merge(a.name().name(), 1, Integer::sum));
        for (Attribute attribute : attributes) {
            String name = attribute.name().name();
            if (single.contains(name) && counts.get(name) > 1) {
                ctx.push(SchemaErrors.plain(attribute.span(), "Attribute \"@" + name + "\" can only be defined once."));
            }
        }
    }
}
