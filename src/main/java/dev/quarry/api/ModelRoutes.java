package dev.quarry.api;

import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.Schema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The served models by their resource route ({@code users}) and RPC delegate ({@code user}). */
@ApplicationScoped
public class ModelRoutes {

    private final Map<String, Model> byRoute = new LinkedHashMap<>();
    private final Map<String, Model> byDelegate = new LinkedHashMap<>();

    @Inject
    public ModelRoutes(Schema schema) {
        for (Model model : schema.models()) {
            if (!model.ignored()) {
                byRoute.put(RouteNames.resource(model.name()), model);
                byDelegate.put(RouteNames.delegate(model.name()), model);
            }
        }
    }

    public Model byRoute(String route) {
        Model model = byRoute.get(route);
        if (model == null) {
            throw QueryErrors.unknownModel(ArgPath.of("path"), route, List.copyOf(byRoute.keySet()));
        }
        return model;
    }

    public Model byDelegate(String delegate) {
        Model model = byDelegate.get(delegate);
        if (model == null) {
            throw QueryErrors.unknownModel(ArgPath.of("path"), delegate, List.copyOf(byDelegate.keySet()));
        }
        return model;
    }
}
