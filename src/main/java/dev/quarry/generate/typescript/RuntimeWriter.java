package dev.quarry.generate.typescript;

import dev.quarry.api.RouteNames;
import dev.quarry.schema.model.EnumType;
import dev.quarry.schema.model.Model;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code index.js}: the enums as frozen objects, what the runtime must know of each model ({@code MODELS}: its
 * delegate, route, id, the fields whose JSON values it revives, its relations), then the schema-independent
 * runtime of {@code runtime.js}.
 */
final class RuntimeWriter {

    private final ClientModels models;

    RuntimeWriter(ClientModels models) {
        this.models = models;
    }

    String write(String header, String runtime) {
        StringBuilder out = new StringBuilder(header).append('\n');
        for (EnumType enumType : models.schema().enums()) {
            out.append("export const ")
                    .append(enumType.name())
                    .append(" = Object.freeze({ ")
                    .append(enumType.values().stream()
                            .map(v -> v.name() + ": '" + v.name() + "'")
                            .collect(Collectors.joining(", ")))
                    .append(" });\n");
        }
        out.append("\nconst MODELS = {\n");
        for (Model model : models.models()) {
            out.append("  ")
                    .append(model.name())
                    .append(": ")
                    .append(entry(model))
                    .append(",\n");
        }
        out.append("};\n\n").append(runtime);
        return out.toString();
    }

    private String entry(Model model) {
        List<String> id = model.primaryKey().map(pk -> pk.fieldNames()).orElse(List.of());
        String idName = model.primaryKey()
                .map(pk -> pk.name().orElse(String.join("_", pk.fieldNames())))
                .orElse("");
        String scalars = models.scalars(model).stream()
                .filter(f -> !TsTypes.revivedAs(f).isEmpty())
                .map(f -> f.name() + ": '" + TsTypes.revivedAs(f) + "'")
                .collect(Collectors.joining(", "));
        String relations = models.relations(model).stream()
                .map(r -> r.name() + ": '" + r.relatedModel() + "'")
                .collect(Collectors.joining(", "));
        return "{ name: '" + model.name() + "', delegate: '" + RouteNames.delegate(model.name()) + "', route: '"
                + RouteNames.resource(model.name())
                + "', view: " + model.view() + ", id: ["
                + id.stream().map(f -> "'" + f + "'").collect(Collectors.joining(", ")) + "], idName: '" + idName
                + "',\n    scalars: { " + scalars + " },\n    relations: { " + relations + " } }";
    }
}
