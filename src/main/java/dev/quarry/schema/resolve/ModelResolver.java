package dev.quarry.schema.resolve;

import dev.quarry.schema.diagnostics.SchemaErrors;
import dev.quarry.schema.model.Arity;
import dev.quarry.schema.model.DefaultValue;
import dev.quarry.schema.model.FieldType;
import dev.quarry.schema.model.Index;
import dev.quarry.schema.model.IndexField;
import dev.quarry.schema.model.NativeType;
import dev.quarry.schema.model.PrimaryKey;
import dev.quarry.schema.model.ReferentialAction;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import dev.quarry.schema.model.UniqueConstraint;
import dev.quarry.schema.syntax.Attribute;
import dev.quarry.schema.syntax.Expr;
import dev.quarry.schema.syntax.Member;
import dev.quarry.schema.syntax.Top;
import dev.quarry.schema.syntax.TypeRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** A model, view or composite type block: field types, field attributes and block attributes. */
final class ModelResolver {

    /** Block attributes a model may carry once; {@code @@unique} and {@code @@index} repeat. */
    private static final Set<String> SINGLE_BLOCK_ATTRIBUTES = Set.of("id", "map", "schema", "ignore");

    private final Context ctx;
    private final DefaultValues defaults;

    private final IndexPredicates predicates;
    /** Field-level {@code @unique(where: …)}s, resolved once every field of the model is known. */
    private final List<Runnable> pendingPredicates = new ArrayList<>();

    ModelResolver(Context ctx, Set<String> previewFeatures) {
        this.ctx = ctx;
        this.predicates = new IndexPredicates(ctx, previewFeatures);
        this.defaults = new DefaultValues(ctx);
    }

    ModelDraft resolve(Top.Block block) {
        ModelDraft model = new ModelDraft(block);
        Set<String> seen = new HashSet<>();
        for (Member.FieldDecl field : block.fields()) {
            if (!Names.valid(field.name(), "field", ctx)) {
                continue;
            }
            if (!seen.add(field.name().name())) {
                ctx.push(SchemaErrors.plain(
                        field.name().span(),
                        "Field \"" + field.name().name() + "\" is already defined on "
                                + block.keyword().containerType() + " \"" + model.name() + "\"."));
                continue;
            }
            field.type().ifPresent(type -> field(model, field, type));
        }
        List<Attribute> attributes = block.blockAttributes().stream()
                .map(Member.BlockAttribute::attribute)
                .toList();
        Names.singleAttributesOnce(attributes, SINGLE_BLOCK_ATTRIBUTES, ctx);
        pendingPredicates.forEach(Runnable::run);
        pendingPredicates.clear();
        for (Attribute attribute : attributes) {
            blockAttribute(model, attribute);
        }
        return model;
    }

    static Arity arity(TypeRef type) {
        switch (type.shape()) {
            case OPTIONAL:
                return Arity.OPTIONAL;
            case LIST:
            case LEGACY_LIST:
            case OPTIONAL_LIST:
                return Arity.LIST;
            default:
                return Arity.REQUIRED;
        }
    }

    private void field(ModelDraft model, Member.FieldDecl decl, TypeRef typeRef) {
        String typeName = typeRef.name().name();
        if (typeRef.unsupported().isEmpty() && ctx.isModel(typeName)) {
            model.fields.add(relationField(model, decl, typeRef));
            return;
        }
        Optional<FieldType> type = fieldType(typeRef);
        if (type.isEmpty()) {
            ctx.push(SchemaErrors.plain(
                    typeRef.name().span(),
                    "Type \"" + typeName
                            + "\" is neither a built-in type, nor refers to another model, composite type, or enum."));
            return;
        }
        model.fields.add(scalarField(model, decl, type.get(), arity(typeRef)));
    }

    Optional<FieldType> fieldType(TypeRef typeRef) {
        if (typeRef.unsupported().isPresent()) {
            return Optional.of(
                    new FieldType.Unsupported(typeRef.unsupported().get().value()));
        }
        String name = typeRef.name().name();
        Optional<ScalarType> scalar = ScalarType.fromPrismaName(name);
        if (scalar.isPresent()) {
            return Optional.of(scalar.get());
        }
        if (ctx.isEnum(name)) {
            return Optional.of(new FieldType.EnumRef(name));
        }
        if (ctx.isCompositeType(name)) {
            return Optional.of(new FieldType.CompositeRef(name));
        }
        return Optional.empty();
    }

    ScalarField scalarField(ModelDraft model, Member.FieldDecl decl, FieldType type, Arity arity) {
        String name = decl.name().name();
        String dbName = name;
        Optional<DefaultValue> defaultValue = Optional.empty();
        Optional<NativeType> nativeType = Optional.empty();
        boolean updatedAt = false;
        boolean ignored = false;
        Set<String> seen = new HashSet<>();
        for (Attribute attribute : decl.attributes()) {
            String attributeName = attribute.name().name();
            if (PolicyResolver.isPolicy(attribute) || RuleResolver.isFieldRule(attribute)) {
                continue;
            }
            if (!isNative(attributeName) && !seen.add(attributeName)) {
                ctx.push(SchemaErrors.plain(
                        attribute.name().span(), "Attribute \"@" + attributeName + "\" can only be defined once."));
                continue;
            }
            Arguments args = new Arguments(attribute, "@", ctx);
            switch (attributeName) {
                case "id":
                    IndexField idField = fieldLevelIndexField(name, args);
                    Optional<String> pkMap = args.takeString("map", false);
                    clustering(args);
                    if (model != null && model.isView()) {
                        ctx.push(SchemaErrors.validation(attribute.span(), "Views cannot have primary keys."));
                    } else if (model != null) {
                        model.primaryKey = Optional.of(new PrimaryKey(List.of(idField), Optional.empty(), pkMap));
                        model.namedConstraints.add(new ConstraintNamespace.Declared(
                                attribute, "@id", ConstraintNamespace.Kind.PRIMARY_KEY, List.of(name), pkMap));
                    }
                    break;
                case "unique":
                    IndexField uniqueField = fieldLevelIndexField(name, args);
                    Optional<String> uniqueMap = args.takeString("map", false);
                    boolean uniqueClustered = clustering(args, model != null && model.isView());
                    Optional<Expr> uniqueWhere = args.take("where", false);
                    if (model != null && model.isView()) {
                        viewUnique(attribute, uniqueMap, uniqueClustered);
                    }
                    if (model != null) {
                        int position = model.uniques.size();
                        model.uniques.add(new UniqueConstraint(
                                List.of(uniqueField), Optional.empty(), uniqueMap, true, Optional.empty()));
                        model.namedConstraints.add(new ConstraintNamespace.Declared(
                                attribute, "@unique", ConstraintNamespace.Kind.UNIQUE, List.of(name), uniqueMap));
                        uniqueWhere.ifPresent(where -> pendingPredicates.add(() -> model.uniques.set(
                                position,
                                new UniqueConstraint(
                                        List.of(uniqueField),
                                        Optional.empty(),
                                        uniqueMap,
                                        true,
                                        predicates.resolve(where, model, attribute, "@unique")))));
                    }
                    break;
                case "default":
                    Optional<Expr> value = args.take("value", true);
                    Optional<String> defaultMap = args.takeString("map", false);
                    if (value.isEmpty()) {
                        ctx.push(
                                SchemaErrors.attribute(attribute.span(), "@default", "Argument \"value\" is missing."));
                    } else {
                        defaultValue = defaults.resolve(value.get(), type, arity == Arity.LIST, defaultMap);
                    }
                    break;
                case "updatedAt":
                    updatedAt = true;
                    break;
                case "deletedAt": // SoftDeleteResolver reads it
                    break;
                case "map":
                    Optional<String> mapped = args.requireString("name");
                    if (mapped.isPresent()) {
                        dbName = mapped.get();
                    }
                    break;
                case "ignore":
                    ignored = true;
                    break;
                default:
                    if (isNative(attributeName)) {
                        nativeType = Optional.of(nativeType(attribute));
                        args = null;
                    } else {
                        ctx.push(SchemaErrors.plain(
                                attribute.name().span(), "Attribute not known: \"@" + attributeName + "\"."));
                        args = null;
                    }
            }
            if (args != null) {
                args.finish();
            }
        }
        return new ScalarField(
                name, dbName, type, arity, defaultValue, updatedAt, nativeType, ignored, decl.documentation());
    }

    /** {@code @db.VarChar(…)}: the prefix is the datasource's name. */
    private boolean isNative(String attributeName) {
        return attributeName.startsWith(ctx.datasourceName + ".");
    }

    private IndexField fieldLevelIndexField(String fieldName, Arguments args) {
        Optional<IndexField.SortOrder> sort = args.take("sort", false).flatMap(e -> IndexFields.sortOrder(e, ctx));
        Optional<Integer> length = args.take("length", false).flatMap(e -> IndexFields.nonNegative(e, ctx));
        return new IndexField(fieldName, sort, length, Optional.empty());
    }

    private NativeType nativeType(Attribute attribute) {
        String name = attribute.name().name().substring(attribute.name().name().indexOf('.') + 1);
        for (var argument : attribute.argumentList()) {
            if (argument.value().orElse(null) instanceof Expr.NumberLit number
                    && number.text().startsWith("-")) {
                ctx.push(SchemaErrors.plain(
                        number.span(), "Expected a nonnegative integer, but found (" + number.text() + ")."));
            }
        }
        List<String> arguments = attribute.argumentList().stream()
                .map(a -> a.value().map(Expressions::value).orElse(""))
                .toList();
        return new NativeType(name, arguments);
    }

    private RelationDraft relationField(ModelDraft model, Member.FieldDecl decl, TypeRef typeRef) {
        Optional<String> relationName = Optional.empty();
        List<String> fields = List.of();
        List<String> references = List.of();
        Optional<ReferentialAction> onDelete = Optional.empty();
        Optional<ReferentialAction> onUpdate = Optional.empty();
        Optional<String> map = Optional.empty();
        boolean ignored = false;
        for (Attribute attribute : decl.attributes()) {
            String attributeName = attribute.name().name();
            if (attributeName.equals("relation")) {
                Arguments args = new Arguments(attribute, "@", ctx);
                relationName = args.takeString("name", true);
                fields = names(args.take("fields", false), "@relation");
                references = names(args.take("references", false), "@relation");
                onDelete = action(args.take("onDelete", false));
                onUpdate = action(args.take("onUpdate", false));
                map = args.takeString("map", false);
                args.finish();
            } else if (attributeName.equals("ignore")) {
                ignored = true;
            } else if (PolicyResolver.isPolicy(attribute) || RuleResolver.isFieldRule(attribute)) {
                continue;
            } else if (List.of("id", "unique", "default", "updatedAt", "deletedAt", "map")
                            .contains(attributeName)
                    || isNative(attributeName)) {
                ctx.push(SchemaErrors.attribute(
                        attribute.span(),
                        "@" + attributeName,
                        "The attribute `@" + attributeName + "` cannot be used on relation fields."));
            } else {
                ctx.push(SchemaErrors.plain(
                        attribute.name().span(), "Attribute not known: \"@" + attributeName + "\"."));
            }
        }
        return new RelationDraft(
                model.name(),
                decl,
                typeRef.name().name(),
                arity(typeRef),
                relationName,
                fields,
                references,
                onDelete,
                onUpdate,
                map,
                ignored);
    }

    private List<String> names(Optional<Expr> expr, String attributeName) {
        return expr.map(e -> IndexFields.parse(e, attributeName, ctx).stream()
                        .map(IndexField::name)
                        .toList())
                .orElse(List.of());
    }

    private Optional<ReferentialAction> action(Optional<Expr> expr) {
        if (expr.isEmpty()) {
            return Optional.empty();
        }
        String text = Expressions.text(expr.get());
        Optional<ReferentialAction> action = ReferentialAction.fromPrismaName(text);
        if (action.isEmpty()) {
            ctx.push(SchemaErrors.plain(expr.get().span(), "Invalid referential action: `" + text + "`"));
        }
        return action;
    }

    private void blockAttribute(ModelDraft model, Attribute attribute) {
        if (PolicyResolver.isPolicy(attribute) || RuleResolver.isModelRule(attribute)) {
            return;
        }
        String name = attribute.name().name();
        Arguments args = new Arguments(attribute, "@@", ctx);
        switch (name) {
            case "id": {
                List<IndexField> fields = args.take("fields", true)
                        .map(e -> IndexFields.parse(e, "@@id", ctx))
                        .orElse(List.of());
                Optional<String> clientName = args.takeString("name", false);
                Optional<String> map = args.takeString("map", false);
                clustering(args);
                if (model.isView()) {
                    ctx.push(SchemaErrors.validation(attribute.span(), "Views cannot have primary keys."));
                }
                if (model.block.fields().stream()
                        .anyMatch(f -> f.findAttribute("id").isPresent())) {
                    ctx.push(SchemaErrors.model(
                            attribute.span(),
                            "model",
                            model.name(),
                            "Each model must have at most one id criteria. You can't have `@id` and `@@id` "
                                    + "at the "
                                    + "same time."));
                }
                fieldsExist(model, attribute, "id", fields);
                if (model.primaryKey.isEmpty()) {
                    model.primaryKey = Optional.of(new PrimaryKey(fields, clientName, map));
                    model.namedConstraints.add(new ConstraintNamespace.Declared(
                            attribute,
                            "@@id",
                            ConstraintNamespace.Kind.PRIMARY_KEY,
                            fields.stream().map(IndexField::name).toList(),
                            map));
                }
                break;
            }
            case "unique": {
                List<IndexField> fields = args.take("fields", true)
                        .map(e -> IndexFields.parse(e, "@@unique", ctx))
                        .orElse(List.of());
                Optional<String> clientName = args.takeString("name", false);
                Optional<String> map = args.takeString("map", false);
                boolean clustered = clustering(args, model.isView());
                Optional<Expr> whereArgument = args.take("where", false);
                Optional<String> where =
                        whereArgument.flatMap(w -> predicates.resolve(w, model, attribute, "@@unique"));
                if (model.isView()) {
                    viewUnique(attribute, map, clustered);
                    if (fields.stream()
                            .anyMatch(f -> f.sort().isPresent()
                                    || f.length().isPresent()
                                    || f.ops().isPresent())) {
                        ctx.push(SchemaErrors.attribute(
                                attribute.span(),
                                "@@unique",
                                "Scalar fields in @@unique attributes in views cannot have arguments."));
                    }
                }
                fieldsExist(model, attribute, "unique", fields);
                model.uniques.add(new UniqueConstraint(fields, clientName, map, false, where));
                // as in Prisma, an attribute with a bad where: is dropped, and names nothing
                if (whereArgument.isEmpty() || where.isPresent()) {
                    model.namedConstraints.add(new ConstraintNamespace.Declared(
                            attribute,
                            "@@unique",
                            ConstraintNamespace.Kind.UNIQUE,
                            fields.stream().map(IndexField::name).toList(),
                            map));
                }
                break;
            }
            case "index":
            case "fulltext": {
                List<IndexField> fields = args.take("fields", true)
                        .map(e -> IndexFields.parse(e, "@@" + name, ctx))
                        .orElse(List.of());
                Optional<String> clientName = args.takeString("name", false);
                Optional<String> map = args.takeString("map", false);
                Optional<String> type = args.take("type", false).map(Expressions::text);
                clustering(args);
                Optional<Expr> whereArgument = args.take("where", false);
                Optional<String> where =
                        whereArgument.flatMap(w -> predicates.resolve(w, model, attribute, "@@" + name));
                if (model.isView()) {
                    ctx.push(SchemaErrors.validation(attribute.span(), "Views cannot have indexes."));
                }
                fieldsExist(model, attribute, name, fields);
                model.indexes.add(new Index(fields, clientName, map, type, name.equals("fulltext"), where));
                if (whereArgument.isEmpty() || where.isPresent()) {
                    model.namedConstraints.add(new ConstraintNamespace.Declared(
                            attribute,
                            "@@" + name,
                            ConstraintNamespace.Kind.INDEX,
                            fields.stream().map(IndexField::name).toList(),
                            map.or(() -> clientName)));
                }
                break;
            }
            case "map":
                args.requireString("name").ifPresent(mapped -> model.dbName = mapped);
                break;
            case "schema":
                model.dbSchema = args.requireString("name");
                break;
            case "ignore":
                model.ignored = true;
                break;
            default:
                ctx.push(SchemaErrors.plain(attribute.name().span(), "Attribute not known: \"@@" + name + "\"."));
                return;
        }
        args.finish();
    }

    /** {@code clustered:} is SQL Server's: any value is rejected, a non-boolean one first as a type error. */
    private boolean clustering(Arguments args) {
        return clustering(args, false);
    }

    private boolean clustering(Arguments args, boolean reportedElsewhere) {
        Optional<Expr> value = args.take("clustered", false);
        if (value.isEmpty()) {
            return false;
        }
        if (!(value.get() instanceof Expr.PathExpr path
                && (path.path().equals("true") || path.path().equals("false")))) {
            ctx.push(SchemaErrors.plain(
                    value.get().span(),
                    "Expected a boolean value, but received " + value.get().describe() + "."));
        } else if (!reportedElsewhere) {
            ctx.push(SchemaErrors.attribute(
                    args.attribute().span(),
                    args.attributeName(),
                    "Defining clustering is not supported in the current connector."));
        }
        return true;
    }

    /** A view's unique is a promise to the client, not an index: it has no name and no storage options. */
    private void viewUnique(Attribute attribute, Optional<String> map, boolean clustered) {
        if (map.isPresent()) {
            ctx.push(SchemaErrors.validation(
                    attribute.span(),
                    "@@unique annotations on views are not backed by unique indexes in the database and "
                            + "cannot specify a mapped database name."));
        }
        if (clustered) {
            ctx.push(SchemaErrors.validation(
                    attribute.span(),
                    "@@unique annotations on views are not backed by unique indexes in the database and "
                            + "cannot be clustered."));
        }
    }

    /** The fields of an {@code @@id}, {@code @@unique} or {@code @@index} exist and are scalar. */
    private void fieldsExist(ModelDraft model, Attribute attribute, String kind, List<IndexField> fields) {
        List<String> names = fields.stream().map(IndexField::name).toList();
        List<RelationDraft> relationFields = model.relationFields().stream()
                .filter(r -> names.contains(r.name()))
                .toList();
        String noun = kind.equals("id") ? "id" : kind.equals("unique") ? "unique index" : "index";
        if (!relationFields.isEmpty()) {
            String suggestion =
                    relationFields.stream().flatMap(r -> r.fields().stream()).collect(Collectors.joining(", "));
            ctx.push(SchemaErrors.model(
                    attribute.span(),
                    containerType(model),
                    model.name(),
                    "The " + noun + " definition refers to the relation fields "
                            + relationFields.stream().map(RelationDraft::name).collect(Collectors.joining(", ")) + ". "
                            + Character.toUpperCase(noun.charAt(0)) + noun.substring(1)
                            + " definitions must reference only scalar fields."
                            + (suggestion.isEmpty() ? "" : " Did you mean `@@" + kind + "([" + suggestion + "])`?")));
            return;
        }
        List<String> unknown = names.stream().filter(n -> !model.hasField(n)).toList();
        if (!unknown.isEmpty()) {
            String prefix = kind.equals("id") ? "The multi field id declaration" : "The " + noun + " definition";
            ctx.push(SchemaErrors.model(
                    attribute.span(),
                    containerType(model),
                    model.name(),
                    prefix + " refers to the unknown fields: " + String.join(", ", unknown) + "."));
        }
    }

    private static String containerType(ModelDraft model) {
        return model.block.keyword().containerType();
    }
}
