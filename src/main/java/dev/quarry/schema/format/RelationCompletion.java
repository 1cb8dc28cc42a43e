package dev.quarry.schema.format;

import dev.quarry.schema.syntax.Argument;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.SchemaAst;
import dev.quarry.schema.syntax.Top;
import dev.quarry.schema.syntax.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code prisma format}'s completion of one-to-one and one-to-many relations, as text to insert before
 * formatting: the missing side's relation field, the missing {@code @relation(fields: […], references: […])}
 * and the foreign key's scalar fields. Names follow Prisma: {@code posts Post[]}, {@code blog Blog?},
 * {@code blogId}. Self-relations and relations Prisma would call ambiguous are left alone.
 */
final class RelationCompletion {

    /** Text to insert at an offset of one file. */
    record Insertion(SchemaAst file, int position, String content) {}

    /** A relation field as written: its model, declaration and type. */
    private record RelationSide(Top.Block model, Member.FieldDecl field, TypeRef type) {

        String target() {
            return type.name().name();
        }

        boolean isList() {
            return type.shape() == TypeRef.Shape.LIST;
        }

        Optional<Attribute> relation() {
            return field.findAttribute("relation");
        }

        String relationName() {
            return relation()
                    .flatMap(a -> a.argumentList().stream()
                            .filter(arg -> arg.name().isEmpty() || arg.isNamed("name"))
                            .findFirst())
                    .flatMap(Argument::value)
                    .filter(Expr.StringLit.class::isInstance)
                    .map(v -> ((Expr.StringLit) v).value())
                    .orElse("");
        }

        Optional<List<String>> argument(String name) {
            return relation()
                    .flatMap(a -> a.argumentList().stream()
                            .filter(arg -> arg.isNamed(name))
                            .findFirst())
                    .flatMap(Argument::value)
                    .map(v -> v instanceof Expr.ArrayExpr array ? array.items() : List.of(v))
                    .map(items -> items.stream().map(RelationCompletion::name).toList());
        }
    }

    private static final Set<String> SCALARS =
            Set.of("String", "Boolean", "Int", "BigInt", "Float", "Decimal", "DateTime", "Json", "Bytes");

    private final Map<String, Top.Block> models = new LinkedHashMap<>();
    private final Set<String> typeNames = new HashSet<>(SCALARS);
    private final Map<Top.Block, SchemaAst> fileOf = new LinkedHashMap<>();
    private final List<Insertion> insertions = new ArrayList<>();

    private RelationCompletion(List<SchemaAst> files) {
        for (SchemaAst file : files) {
            for (Top.Block block : file.blocks()) {
                typeNames.add(block.name().name());
                if (block.keyword() == Top.Keyword.MODEL || block.keyword() == Top.Keyword.VIEW) {
                    models.putIfAbsent(block.name().name(), block);
                    fileOf.put(block, file);
                }
            }
        }
    }

    static List<Insertion> insertions(List<SchemaAst> files) {
        RelationCompletion completion = new RelationCompletion(files);
        if (!completion.resolves()) {
            return List.of();
        }
        completion.complete();
        return completion.insertions;
    }

    /**
     * Prisma completes nothing when the schema does not resolve: a field type names nothing, or a {@code fields}
     * or {@code references} argument names a field that does not exist.
     */
    private boolean resolves() {
        for (Top.Block model : models.values()) {
            boolean unknownType = model.fields().stream()
                    .flatMap(f -> f.type().stream())
                    .anyMatch(t -> t.unsupported().isEmpty()
                            && !typeNames.contains(t.name().name()));
            if (unknownType) {
                return false;
            }
            for (RelationSide side : relationSides(model)) {
                Top.Block target = models.get(side.target());
                if (side.argument("fields").orElse(List.of()).stream()
                                .anyMatch(f -> field(model, f).isEmpty())
                        || side.argument("references").orElse(List.of()).stream()
                                .anyMatch(f -> field(target, f).isEmpty())) {
                    return false;
                }
            }
        }
        return true;
    }

    private void complete() {
        for (Top.Block model : models.values()) {
            for (RelationSide side : relationSides(model)) {
                if (side.target().equals(model.name().name())) {
                    continue;
                }
                List<RelationSide> opposites = relationSides(models.get(side.target())).stream()
                        .filter(o -> o.target().equals(model.name().name())
                                && o.relationName().equals(side.relationName()))
                        .toList();
                if (opposites.isEmpty()) {
                    withoutOpposite(side);
                } else if (opposites.size() == 1
                        && !side.isList()
                        && opposites.get(0).isList()) {
                    if (side.relation().isEmpty()) {
                        missingRelationAttribute(side, opposites.get(0).model());
                    }
                }
            }
        }
    }

    private List<RelationSide> relationSides(Top.Block model) {
        List<RelationSide> sides = new ArrayList<>();
        for (Member.FieldDecl field : model.fields()) {
            field.type()
                    .filter(t -> t.unsupported().isEmpty()
                            && models.containsKey(t.name().name()))
                    .ifPresent(t -> sides.add(new RelationSide(model, field, t)));
        }
        return sides;
    }

    /** One side only: a list is the back side of a one-to-many, anything else its forward side. */
    private void withoutOpposite(RelationSide side) {
        Top.Block target = models.get(side.target());
        if (side.isList()) {
            forwardSide(target, side.model());
            return;
        }
        boolean oneToOne = side.argument("fields")
                .map(fields -> uniqueCriteria(side.model()).contains(fields))
                .orElse(false);
        String referencing = side.model().name().name();
        String field = oneToOne ? camelCase(referencing) : plural(camelCase(referencing));
        boolean ignored = side.model().blockAttributes().stream()
                .anyMatch(a -> a.attribute().name().name().equals("ignore"));
        insertBeforeClosingBrace(
                target, field + " " + referencing + (oneToOne ? "?" : "[]") + " " + (ignored ? "@ignore" : "") + "\n");
        if (side.relation().isEmpty()) {
            missingRelationAttribute(side, target);
        }
    }

    /**
     * {@code blog Blog? @relation(fields: [blogId], references: [id])} and {@code blogId Int?} on the referencing
     * model.
     */
    private void forwardSide(Top.Block referencing, Top.Block referenced) {
        List<Member.FieldDecl> keys = firstUniqueCriteria(referenced);
        String referencedName = referenced.name().name();
        List<String> names = keyNames(referencedName, keys);
        boolean optional = names.stream()
                .anyMatch(name -> field(referencing, name)
                        .map(existing -> existing.type()
                                .filter(t -> t.shape() == TypeRef.Shape.OPTIONAL)
                                .isPresent())
                        .orElse(true));
        insertBeforeClosingBrace(
                referencing,
                camelCase(referencedName) + " " + referencedName + (optional ? "?" : "") + " @relation("
                        + fieldsArgument(names) + ", " + referencesArgument(referenced) + ")\n");
        missingKeyFields(referencing, keys, names, "?");
    }

    /**
     * The foreign key's scalar fields that are not there yet, typed as the keys they reference (native type
     * included).
     */
    private void missingKeyFields(
            Top.Block referencing, List<Member.FieldDecl> keys, List<String> names, String arity) {
        for (int i = 0; i < keys.size(); i++) {
            if (field(referencing, names.get(i)).isPresent()) {
                continue;
            }
            Member.FieldDecl key = keys.get(i);
            String type = key.type().map(t -> t.name().name()).orElse("");
            String nativeType = key.attributes().stream()
                    .filter(a -> a.name().name().contains("."))
                    .findFirst()
                    .map(a -> text(
                            a.span().file().text(), a.span().start(), a.span().end()))
                    .orElse("");
            insertBeforeClosingBrace(referencing, names.get(i) + " " + type + arity + " " + nativeType + "\n");
        }
    }

    private static List<String> keyNames(String referencedName, List<Member.FieldDecl> keys) {
        return keys.stream()
                .map(k -> camelCase(referencedName) + pascalCase(k.name().name()))
                .toList();
    }

    /**
     * The forward side has no {@code @relation}: add one naming the foreign key Prisma would infer, and that key's
     * fields.
     */
    private void missingRelationAttribute(RelationSide forward, Top.Block referenced) {
        List<Member.FieldDecl> keys = firstUniqueCriteria(referenced);
        List<String> names = keyNames(referenced.name().name(), keys);
        insertions.add(new Insertion(
                fileOf.get(forward.model()),
                forward.type().span().end(),
                " @relation(" + fieldsArgument(names) + ", " + referencesArgument(referenced) + ")"));
        missingKeyFields(forward.model(), keys, names, forward.type().shape() == TypeRef.Shape.OPTIONAL ? "?" : "");
    }

    private static String fieldsArgument(List<String> names) {
        return "fields: [" + String.join(", ", names) + "]";
    }

    private String referencesArgument(Top.Block referenced) {
        return "references: [" + String.join(", ", primaryKey(referenced)) + "]";
    }

    private static List<String> primaryKey(Top.Block model) {
        for (Member.FieldDecl field : model.fields()) {
            if (field.findAttribute("id").isPresent()) {
                return List.of(field.name().name());
            }
        }
        return blockAttributeFields(model, "id").stream().findFirst().orElse(List.of());
    }

    /** The fields of the first of: the id, a field-level {@code @unique}, a {@code @@unique}. */
    private static List<Member.FieldDecl> firstUniqueCriteria(Top.Block model) {
        List<List<String>> criteria = uniqueCriteria(model);
        if (criteria.isEmpty()) {
            return List.of();
        }
        List<Member.FieldDecl> fields = new ArrayList<>();
        for (String name : criteria.get(0)) {
            field(model, name).ifPresent(fields::add);
        }
        return fields;
    }

    private static List<List<String>> uniqueCriteria(Top.Block model) {
        List<List<String>> criteria = new ArrayList<>();
        List<String> id = primaryKey(model);
        if (!id.isEmpty()) {
            criteria.add(id);
        }
        for (Member.FieldDecl field : model.fields()) {
            if (field.findAttribute("unique").isPresent()) {
                criteria.add(List.of(field.name().name()));
            }
        }
        criteria.addAll(blockAttributeFields(model, "unique"));
        return criteria;
    }

    private static List<List<String>> blockAttributeFields(Top.Block model, String attribute) {
        List<List<String>> all = new ArrayList<>();
        for (Member.BlockAttribute member : model.blockAttributes()) {
            Attribute candidate = member.attribute();
            if (!candidate.name().name().equals(attribute)) {
                continue;
            }
            candidate.argumentList().stream()
                    .filter(a -> a.name().isEmpty() || a.isNamed("fields"))
                    .findFirst()
                    .flatMap(Argument::value)
                    .filter(Expr.ArrayExpr.class::isInstance)
                    .ifPresent(array -> all.add(((Expr.ArrayExpr) array)
                            .items().stream().map(RelationCompletion::name).toList()));
        }
        return all;
    }

    private static Optional<Member.FieldDecl> field(Top.Block model, String name) {
        return model.fields().stream().filter(f -> f.name().name().equals(name)).findFirst();
    }

    private static String name(Expr expr) {
        if (expr instanceof Expr.FunctionCall call) {
            return call.name().name();
        }
        return expr instanceof Expr.PathExpr path
                ? path.path()
                : text(
                        expr.span().file().text(),
                        expr.span().start(),
                        expr.span().end());
    }

    private void insertBeforeClosingBrace(Top.Block model, String content) {
        insertions.add(new Insertion(fileOf.get(model), model.span().end() - 1, content));
    }

    private static String text(String source, int start, int end) {
        return source.substring(start, end);
    }

    /** {@code PostableEntity} → {@code postableEntity}, {@code user_profile} → {@code userProfile}. */
    static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '-') {
                upper = out.length() > 0;
            } else {
                out.append(out.length() == 0 ? Character.toLowerCase(c) : upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    private static String pascalCase(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** English plural as Prisma's inflector forms it for the usual model names. */
    static String plural(String word) {
        if (word.matches(".*[^aeiou]y")) {
            return word.substring(0, word.length() - 1) + "ies";
        }
        if (word.matches(".*(s|x|z|ch|sh)")) {
            return word + "es";
        }
        return word + "s";
    }
}
