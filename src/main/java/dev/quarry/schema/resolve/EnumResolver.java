package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code enum Role { USER ADMIN @map("admin") @@map("role") @@schema("auth") }}. */
final class EnumResolver {

    private final Context ctx;

    EnumResolver(Context ctx) {
        this.ctx = ctx;
    }

    EnumType resolve(Top.Block block) {
        String name = block.name().name();
        String dbName = name;
        Optional<String> dbSchema = Optional.empty();
        List<EnumType.EnumValue> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Member.EnumValueDecl value : block.enumValues()) {
            if (!seen.add(value.name().name())) {
                ctx.push(SchemaErrors.plain(
                        value.name().span(),
                        "Value \"" + value.name().name() + "\" is already defined on enum \"" + name + "\"."));
                continue;
            }
            String valueDbName = value.name().name();
            for (Attribute attribute : value.attributes()) {
                Arguments args = new Arguments(attribute, "@", ctx);
                if (attribute.name().name().equals("map")) {
                    valueDbName = args.takeString("name", true).orElse(valueDbName);
                    args.finish();
                } else {
                    ctx.push(SchemaErrors.plain(
                            attribute.name().span(),
                            "Attribute not known: \"@" + attribute.name().name() + "\"."));
                }
            }
            values.add(new EnumType.EnumValue(
                    value.name().name(), valueDbName, value.leadingComments().flatMap(c -> c.documentation())));
        }
        List<Attribute> blockAttributes = block.blockAttributes().stream()
                .map(Member.BlockAttribute::attribute)
                .toList();
        Names.singleAttributesOnce(blockAttributes, Set.of("map", "schema"), ctx);
        for (Attribute attribute : blockAttributes) {
            Arguments args = new Arguments(attribute, "@@", ctx);
            switch (attribute.name().name()) {
                case "map":
                    dbName = args.requireString("name").orElse(dbName);
                    break;
                case "schema":
                    Optional<String> schema = args.requireString("name");
                    dbSchema = dbSchema.or(() -> schema);
                    break;
                default:
                    ctx.push(SchemaErrors.plain(
                            attribute.name().span(),
                            "Attribute not known: \"@@" + attribute.name().name() + "\"."));
                    continue;
            }
            args.finish();
        }
        if (values.isEmpty()) {
            ctx.push(SchemaErrors.plain(block.span(), "An enum must have at least one value."));
        }
        return new EnumType(name, dbName, dbSchema, values, block.documentation());
    }
}
