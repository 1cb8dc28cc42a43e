package dev.quarry.generate.typescript;

import dev.quarry.api.RouteNames;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.RelationField;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.UniqueConstraint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code index.d.ts}: the generic machinery of {@code prelude.d.ts}, then per model the types by Prisma's names
 * ({@code User}, {@code UserWhereInput}, {@code UserCreateInput}, {@code UserFindManyArgs}, {@code UserGetPayload}
 * …) and the client's type.
 */
final class DeclarationsWriter {

    /**
     * The argument of a soft-delete model's reads ({@code @deletedAt}); it belongs to the whole read, not to a
     * relation in it.
     */
    private static final String WITH_DELETED = "withDeleted?: boolean";

    private final ClientModels models;
    private final StringBuilder out = new StringBuilder();

    DeclarationsWriter(ClientModels models) {
        this.models = models;
    }

    String write(String header, String prelude) {
        out.append(header).append('\n').append(prelude).append('\n');
        for (EnumType enumType : models.schema().enums()) {
            writeEnum(enumType);
        }
        for (Model model : models.models()) {
            writeModel(model);
        }
        writeTypeMap();
        writeClient();
        return out.toString();
    }

    private void writeEnum(EnumType enumType) {
        doc(enumType.documentation(), "");
        out.append("export declare const ").append(enumType.name()).append(": {\n");
        for (EnumType.EnumValue value : enumType.values()) {
            out.append("  readonly ")
                    .append(value.name())
                    .append(": '")
                    .append(value.name())
                    .append("';\n");
        }
        out.append("};\nexport type ")
                .append(enumType.name())
                .append(" = (typeof ")
                .append(enumType.name())
                .append(")[keyof typeof ")
                .append(enumType.name())
                .append("];\n\n");
    }

    private void writeModel(Model model) {
        String m = model.name();
        List<ScalarField> scalars = models.scalars(model);
        List<RelationField> relations = models.relations(model);
        Set<String> foreignKeys = models.foreignKeys(model);
        out.append("// ---- ")
                .append(m)
                .append(" ")
                .append("-".repeat(Math.max(3, 110 - m.length())))
                .append("\n");
        doc(model.documentation(), "");
        object("export type " + m, scalars, f -> f.name() + ": " + TsTypes.output(f), true);
        out.append("export type ")
                .append(m)
                .append("ScalarFieldEnum = ")
                .append(union(scalars.stream().map(ScalarField::name).toList()))
                .append(";\n");

        List<String> where = new ArrayList<>(List.of(
                "AND?: " + m + "WhereInput | " + m + "WhereInput[]",
                "OR?: " + m + "WhereInput[]",
                "NOT?: " + m + "WhereInput | " + m + "WhereInput[]"));
        scalars.forEach(f -> where.add(f.name() + "?: " + TsTypes.filter(f)));
        relations.forEach(r -> where.add(r.name() + "?: " + relationFilter(r)));
        lines("export type " + m + "WhereInput", where);

        writeWhereUnique(model, scalars);

        List<String> orderBy = new ArrayList<>();
        scalars.stream()
                .filter(TsTypes::isOrderable)
                .forEach(f -> orderBy.add(f.name() + "?: SortOrder" + (f.isOptional() ? " | SortOrderInput" : "")));
        relations.forEach(r -> orderBy.add(r.name() + "?: "
                + (r.isList() ? "OrderByRelationAggregateInput" : r.relatedModel() + "OrderByWithRelationInput")));
        lines("export type " + m + "OrderByWithRelationInput", orderBy);

        boolean counted = relations.stream().anyMatch(RelationField::isList);
        List<String> select = new ArrayList<>();
        scalars.forEach(f -> select.add(f.name() + "?: boolean"));
        relations.forEach(r -> select.add(r.name() + "?: boolean | " + relationArgs(r)));
        List<String> include = new ArrayList<>();
        relations.forEach(r -> include.add(r.name() + "?: boolean | " + relationArgs(r)));
        if (counted) {
            select.add("_count?: boolean | " + m + "CountOutputTypeDefaultArgs");
            include.add("_count?: boolean | " + m + "CountOutputTypeDefaultArgs");
            lines(
                    "export type " + m + "CountOutputTypeSelect",
                    relations.stream()
                            .filter(RelationField::isList)
                            .map(r -> r.name() + "?: boolean | { where?: " + r.relatedModel() + "WhereInput }")
                            .toList());
            out.append("export type ")
                    .append(m)
                    .append("CountOutputTypeDefaultArgs = { select?: ")
                    .append(m)
                    .append("CountOutputTypeSelect };\n");
        }
        lines("export type " + m + "Select", select);
        lines("export type " + m + "Include", include);
        object("export type " + m + "Omit", scalars, f -> f.name() + "?: boolean", false);
        String shape =
                "select?: " + m + "Select | null; include?: " + m + "Include | null; omit?: " + m + "Omit | null";
        out.append("export type ")
                .append(m)
                .append("DefaultArgs = { ")
                .append(shape)
                .append(" };\n");

        if (!model.view()) {
            writeWriteInputs(model, scalars, relations, foreignKeys);
        }

        String list = "where?: " + m + "WhereInput; orderBy?: " + m + "OrderByWithRelationInput | " + m
                + "OrderByWithRelationInput[]; cursor?: " + m + "WhereUniqueInput; take?: number; skip?: number";
        String withDeleted = model.softDeleteField().isPresent() ? "; " + WITH_DELETED : "";
        out.append("export type ")
                .append(m)
                .append("FindManyArgs = { ")
                .append(shape)
                .append("; ")
                .append(list)
                .append("; distinct?: ")
                .append(m)
                .append("ScalarFieldEnum | ")
                .append(m)
                .append("ScalarFieldEnum[]")
                .append(withDeleted)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("FindFirstArgs = ")
                .append(m)
                .append("FindManyArgs;\n");
        out.append("export type ")
                .append(m)
                .append("FindUniqueArgs = { ")
                .append(shape)
                .append("; where: ")
                .append(m)
                .append("WhereUniqueInput")
                .append(withDeleted)
                .append(" };\n");
        String fieldsTrue = scalars.stream().map(f -> f.name() + "?: true").collect(Collectors.joining("; "));
        out.append("export type ")
                .append(m)
                .append("CountAggregateInputType = { _all?: true")
                .append(fieldsTrue.isEmpty() ? "" : "; " + fieldsTrue)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("CountArgs = { ")
                .append(list)
                .append("; select?: true | ")
                .append(m)
                .append("CountAggregateInputType")
                .append(withDeleted)
                .append(" };\n");
        String numeric = scalars.stream()
                .filter(TsTypes::isNumeric)
                .map(f -> f.name() + "?: true")
                .collect(Collectors.joining("; "));
        String orderable = scalars.stream()
                .filter(TsTypes::isOrderable)
                .map(f -> f.name() + "?: true")
                .collect(Collectors.joining("; "));
        String aggregates = "_count?: true | " + m + "CountAggregateInputType; _avg?: { " + numeric + " }; _sum?: { "
                + numeric + " }; _min?: { " + orderable + " }; _max?: { " + orderable + " }";
        out.append("export type ")
                .append(m)
                .append("AggregateArgs = { ")
                .append(list)
                .append("; ")
                .append(aggregates)
                .append(withDeleted)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("GroupByArgs = { by: ")
                .append(m)
                .append("ScalarFieldEnum | ")
                .append(m)
                .append("ScalarFieldEnum[]; where?: ")
                .append(m)
                .append("WhereInput; having?: { [field: string]: unknown }; orderBy?: { [field: string]: unknown }")
                .append(" | { [field: string]: unknown }[]; take?: number; skip?: number; ")
                .append(aggregates)
                .append(withDeleted)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("GetPayload<A extends { select?: unknown; include?: unknown; omit?: unknown } | "
                        + "boolean = {}> = "
                        + "$Payload<'")
                .append(m)
                .append("', A>;\n");
        out.append("export type ")
                .append(m)
                .append("Delegate = ")
                .append(model.view() ? "$ReadDelegate" : "$Delegate")
                .append("<'")
                .append(m)
                .append("'>;\n\n");
    }

    private void writeWhereUnique(Model model, List<ScalarField> scalars) {
        String m = model.name();
        Map<String, String> keys = new LinkedHashMap<>();
        model.primaryKey()
                .ifPresent(
                        pk -> keys.put(compoundName(pk.fieldNames(), pk.name()), compoundType(model, pk.fieldNames())));
        for (UniqueConstraint unique : model.uniques()) {
            keys.putIfAbsent(
                    compoundName(unique.fieldNames(), unique.name()), compoundType(model, unique.fieldNames()));
        }
        List<String> fields = new ArrayList<>();
        keys.forEach((name, type) -> fields.add(name + "?: " + type));
        fields.add("AND?: " + m + "WhereInput | " + m + "WhereInput[]");
        fields.add("OR?: " + m + "WhereInput[]");
        fields.add("NOT?: " + m + "WhereInput | " + m + "WhereInput[]");
        scalars.stream()
                .filter(f -> !keys.containsKey(f.name()))
                .forEach(f -> fields.add(f.name() + "?: " + TsTypes.filter(f)));
        models.relations(model).forEach(r -> fields.add(r.name() + "?: " + relationFilter(r)));
        out.append("export type ").append(m).append("WhereUniqueInput = ");
        if (keys.isEmpty()) {
            out.append("never;\n");
            return;
        }
        out.append("AtLeast<{\n");
        fields.forEach(f -> out.append("  ").append(f).append(";\n"));
        out.append("}, ").append(union(List.copyOf(keys.keySet()))).append(">;\n");
    }

    private static String compoundName(List<String> fields, Optional<String> name) {
        return name.orElse(String.join("_", fields));
    }

    private String compoundType(Model model, List<String> fieldNames) {
        if (fieldNames.size() == 1) {
            return TsTypes.input(model.scalarField(fieldNames.get(0)));
        }
        return "{ "
                + fieldNames.stream()
                        .map(f -> f + ": " + TsTypes.input(model.scalarField(f)))
                        .collect(Collectors.joining("; "))
                + " }";
    }

    /**
     * A relation's arguments in select/include: findMany's for a list (without {@code withDeleted}), else the
     * shape's.
     */
    private String relationArgs(RelationField r) {
        if (!r.isList()) {
            return r.relatedModel() + "DefaultArgs";
        }
        boolean softDelete = models.model(r.relatedModel()).softDeleteField().isPresent();
        return softDelete
                ? "Omit<" + r.relatedModel() + "FindManyArgs, 'withDeleted'>"
                : r.relatedModel() + "FindManyArgs";
    }

    private String relationFilter(RelationField r) {
        String where = r.relatedModel() + "WhereInput";
        if (r.isList()) {
            return "ListRelationFilter<" + where + ">";
        }
        return "RelationFilter<" + where + "> | " + where + (r.isOptional() ? " | null" : "");
    }

    private void writeWriteInputs(
            Model model, List<ScalarField> scalars, List<RelationField> relations, Set<String> foreignKeys) {
        String m = model.name();
        Map<String, String> create = new LinkedHashMap<>();
        Map<String, String> uncheckedCreate = new LinkedHashMap<>();
        Map<String, String> update = new LinkedHashMap<>();
        Map<String, String> uncheckedUpdate = new LinkedHashMap<>();
        List<String> createMany = new ArrayList<>();
        List<String> updateMany = new ArrayList<>();
        for (ScalarField f : scalars) {
            String createField = f.name() + (ClientModels.requiredInCreate(f) ? ": " : "?: ") + TsTypes.createValue(f);
            String updateField = f.name() + "?: " + TsTypes.updateValue(f);
            uncheckedCreate.put(f.name(), createField);
            uncheckedUpdate.put(f.name(), updateField);
            createMany.add(createField);
            if (!foreignKeys.contains(f.name())) {
                create.put(f.name(), createField);
                update.put(f.name(), updateField);
                updateMany.add(updateField);
            }
        }
        for (RelationField r : relations) {
            String related = r.relatedModel();
            Optional<RelationField> back = models.backRelation(model, r);
            String without = back.map(b -> "XOR<" + related + "CreateWithout" + capitalized(b.name()) + "Input, "
                            + related + "UncheckedCreateWithout" + capitalized(b.name()) + "Input>")
                    .orElse(related + "CreateInput");
            String updateWithout = back.map(b -> "XOR<" + related + "UpdateWithout" + capitalized(b.name()) + "Input, "
                            + related + "UncheckedUpdateWithout" + capitalized(b.name()) + "Input>")
                    .orElse(related + "UpdateInput");
            String unique = related + "WhereUniqueInput";
            boolean ownsKey = !r.fields().isEmpty();
            boolean required = r.isRequired()
                    && ownsKey
                    && r.fields().stream().anyMatch(k -> model.scalarField(k).isRequired());
            if (r.isList()) {
                String nestedCreate = r.name() + "?: " + NestedWrites.createMany(without, unique);
                String nestedUpdate = r.name() + "?: "
                        + NestedWrites.updateMany(
                                without,
                                unique,
                                updateWithout,
                                related + "WhereInput",
                                related + "UpdateManyMutationInput");
                create.put(r.name(), nestedCreate);
                uncheckedCreate.put(r.name(), nestedCreate);
                update.put(r.name(), nestedUpdate);
                uncheckedUpdate.put(r.name(), nestedUpdate);
            } else {
                create.put(r.name(), r.name() + (required ? ": " : "?: ") + NestedWrites.createOne(without, unique));
                update.put(
                        r.name(),
                        r.name() + "?: "
                                + NestedWrites.updateOne(
                                        without,
                                        unique,
                                        updateWithout,
                                        related + "WhereInput",
                                        r.isOptional() || !ownsKey));
                if (!ownsKey) {
                    uncheckedCreate.put(r.name(), r.name() + "?: " + NestedWrites.createOne(without, unique));
                    uncheckedUpdate.put(
                            r.name(),
                            r.name() + "?: "
                                    + NestedWrites.updateOne(
                                            without, unique, updateWithout, related + "WhereInput", true));
                }
            }
        }
        lines("export type " + m + "CreateInput", List.copyOf(create.values()));
        lines("export type " + m + "UncheckedCreateInput", List.copyOf(uncheckedCreate.values()));
        lines("export type " + m + "UpdateInput", List.copyOf(update.values()));
        lines("export type " + m + "UncheckedUpdateInput", List.copyOf(uncheckedUpdate.values()));
        // the inputs of a nested write below each relation, written out (not Omit<…>) as Prisma does: tsc checks
        // named object types far faster than mapped ones over self-referencing inputs
        for (RelationField b : relations) {
            Set<String> left = new HashSet<>(b.fields());
            left.add(b.name());
            String suffix = "Without" + capitalized(b.name()) + "Input";
            lines("export type " + m + "Create" + suffix, without(create, Set.of(b.name())));
            lines("export type " + m + "UncheckedCreate" + suffix, without(uncheckedCreate, left));
            lines("export type " + m + "Update" + suffix, without(update, Set.of(b.name())));
            lines("export type " + m + "UncheckedUpdate" + suffix, without(uncheckedUpdate, left));
        }
        lines("export type " + m + "CreateManyInput", createMany);
        lines("export type " + m + "UpdateManyMutationInput", updateMany);
        lines(
                "export type " + m + "UncheckedUpdateManyInput",
                scalars.stream()
                        .map(f -> f.name() + "?: " + TsTypes.updateValue(f))
                        .toList());
        String shape =
                "select?: " + m + "Select | null; include?: " + m + "Include | null; omit?: " + m + "Omit | null";
        String data = "XOR<" + m + "CreateInput, " + m + "UncheckedCreateInput>";
        String updateData = "XOR<" + m + "UpdateInput, " + m + "UncheckedUpdateInput>";
        String manyData = "XOR<" + m + "UpdateManyMutationInput, " + m + "UncheckedUpdateManyInput>";
        out.append("export type ")
                .append(m)
                .append("CreateArgs = { ")
                .append(shape)
                .append("; data: ")
                .append(data)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("CreateManyArgs = { data: ")
                .append(m)
                .append("CreateManyInput | ")
                .append(m)
                .append("CreateManyInput[]; skipDuplicates?: boolean };\n");
        out.append("export type ")
                .append(m)
                .append("CreateManyAndReturnArgs = { ")
                .append(shape)
                .append("; data: ")
                .append(m)
                .append("CreateManyInput | ")
                .append(m)
                .append("CreateManyInput[]; skipDuplicates?: boolean };\n");
        out.append("export type ")
                .append(m)
                .append("UpdateArgs = { ")
                .append(shape)
                .append("; where: ")
                .append(m)
                .append("WhereUniqueInput; data: ")
                .append(updateData)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("UpdateManyArgs = { where?: ")
                .append(m)
                .append("WhereInput; data: ")
                .append(manyData)
                .append("; limit?: number };\n");
        out.append("export type ")
                .append(m)
                .append("UpdateManyAndReturnArgs = { ")
                .append(shape)
                .append("; where?: ")
                .append(m)
                .append("WhereInput; data: ")
                .append(manyData)
                .append("; limit?: number };\n");
        out.append("export type ")
                .append(m)
                .append("UpsertArgs = { ")
                .append(shape)
                .append("; where: ")
                .append(m)
                .append("WhereUniqueInput; create: ")
                .append(data)
                .append("; update: ")
                .append(updateData)
                .append(" };\n");
        out.append("export type ")
                .append(m)
                .append("DeleteArgs = { ")
                .append(shape)
                .append("; where: ")
                .append(m)
                .append("WhereUniqueInput };\n");
        out.append("export type ")
                .append(m)
                .append("DeleteManyArgs = { where?: ")
                .append(m)
                .append("WhereInput; limit?: number };\n");
    }

    private static List<String> without(Map<String, String> fields, Set<String> names) {
        return fields.entrySet().stream()
                .filter(e -> !names.contains(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private void writeTypeMap() {
        out.append("// ---- the models for the generic types ")
                .append("-".repeat(76))
                .append("\n");
        out.append("interface $TypeMap {\n");
        for (Model model : models.models()) {
            String m = model.name();
            List<RelationField> relations = models.relations(model);
            out.append("  ").append(m).append(": {\n    scalars: ").append(m).append(";\n    relations: {");
            for (RelationField r : relations) {
                out.append(" ")
                        .append(r.name())
                        .append(": { model: '")
                        .append(r.relatedModel())
                        .append("'")
                        .append(r.isList() ? "; list: true" : r.isOptional() ? "; optional: true" : "")
                        .append(" };");
            }
            out.append(relations.isEmpty() ? "};\n" : " };\n");
            List<String> counted = relations.stream()
                    .filter(RelationField::isList)
                    .map(RelationField::name)
                    .toList();
            out.append("    counted: ")
                    .append(counted.isEmpty() ? "never" : union(counted))
                    .append(";\n");
            out.append("    args: { findMany: ")
                    .append(m)
                    .append("FindManyArgs; findUnique: ")
                    .append(m)
                    .append("FindUniqueArgs; count: ")
                    .append(m)
                    .append("CountArgs; aggregate: ")
                    .append(m)
                    .append("AggregateArgs; groupBy: ")
                    .append(m)
                    .append("GroupByArgs");
            if (!model.view()) {
                for (String op : List.of(
                        "create",
                        "createMany",
                        "createManyAndReturn",
                        "update",
                        "updateMany",
                        "updateManyAndReturn",
                        "upsert",
                        "delete",
                        "deleteMany")) {
                    out.append(";\n      ")
                            .append(op)
                            .append(": ")
                            .append(m)
                            .append(Character.toUpperCase(op.charAt(0)))
                            .append(op.substring(1))
                            .append("Args");
                }
            }
            out.append(" };\n  };\n");
        }
        out.append("}\n\n");
    }

    private void writeClient() {
        out.append("/** The client: Prisma Client's delegates over Quarry's RPC surface. */\nexport type QuarryClient "
                + "= {\n");
        for (Model model : models.models()) {
            out.append("  readonly ")
                    .append(RouteNames.delegate(model.name()))
                    .append(": ")
                    .append(model.name())
                    .append("Delegate;\n");
        }
        out.append("""
                  /** Runs the operations in one database transaction; the results in their order. \
                Takes operations built by this client, not yet awaited. */
                  $transaction<P extends QuarryPromise<unknown>[]>(operations: [...P], \
                options?: TransactionOptions): Promise<$Results<P>>;
                };

                export declare function createClient(config: ClientConfig): QuarryClient;
                """);
    }

    private void object(
            String declaration, List<ScalarField> fields, Function<ScalarField, String> line, boolean withDocs) {
        out.append(declaration).append(" = {\n");
        for (ScalarField f : fields) {
            if (withDocs) {
                doc(f.documentation(), "  ");
            }
            out.append("  ").append(line.apply(f)).append(";\n");
        }
        out.append("};\n");
    }

    private void lines(String declaration, List<String> fields) {
        out.append(declaration).append(" = {\n");
        fields.forEach(f -> out.append("  ").append(f).append(";\n"));
        out.append("};\n");
    }

    private void doc(Optional<String> documentation, String indent) {
        documentation.ifPresent(text -> out.append(indent)
                .append("/** ")
                .append(text.replace("*/", "* /").replace("\n", "\n" + indent + " * "))
                .append(" */\n"));
    }

    private static String union(List<String> names) {
        return names.isEmpty()
                ? "never"
                : names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(" | "));
    }
}
