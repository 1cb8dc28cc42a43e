package dev.quarry.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The served models by name, so a relation field finds its target. */
final class Models {

    private final Map<String, ApiModel> byName = new LinkedHashMap<>();

    Models(List<ApiModel> models) {
        models.forEach(m -> byName.put(m.name(), m));
    }

    ApiModel get(String name) {
        ApiModel model = byName.get(name);
        if (model == null) {
            throw new IllegalArgumentException("no served model " + name);
        }
        return model;
    }

    List<ApiModel> all() {
        return List.copyOf(byName.values());
    }
}
