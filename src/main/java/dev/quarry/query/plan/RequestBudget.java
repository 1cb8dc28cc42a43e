package dev.quarry.query.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.args.ResourceArgs;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The budgets of a whole request's arguments, checked in one walk before anything is planned: the filter nodes of
 * all its filters together (each {@code where}, {@code having} and {@code cursor} object wherever it sits: top
 * level, a nested include/select, a {@code _count}, a nested write; relation filters are inside them) and the
 * values of all its list operators together. Counting stops at the first key over a budget.
 */
public final class RequestBudget {

    private static final Set<String> FILTERS = Set.of("where", "having", "cursor");

    private final Limits limits;
    private int nodes;
    private int values;

    private RequestBudget(Limits limits) {
        this.limits = limits;
    }

    /**
     * @param locate where each top-level argument is (its parameter on the resource surface, or inside the RPC
     * body)
     */
    public static void check(JsonNode args, Function<String, ArgPath> locate, Limits limits) {
        RequestBudget budget = new RequestBudget(limits);
        Iterator<Map.Entry<String, JsonNode>> it = args.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            budget.argument(e.getKey(), e.getValue(), locate.apply(e.getKey()));
        }
    }

    private void argument(String key, JsonNode value, ArgPath at) {
        if (FILTERS.contains(key) && value.isObject()) {
            filter(value, at);
        } else {
            arguments(value, at);
        }
    }

    private void arguments(JsonNode node, ArgPath at) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                argument(e.getKey(), e.getValue(), at.key(e.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                arguments(node.get(i), at.index(i));
            }
        }
    }

    private void filter(JsonNode node, ArgPath at) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                ArgPath here = at.key(e.getKey());
                if (++nodes > limits.maxFilterNodes()) {
                    throw QueryErrors.overFilterNodeLimit(here, limits.maxFilterNodes());
                }
                if (ResourceArgs.LIST_OPERATORS.contains(e.getKey())
                        && e.getValue().isArray()) {
                    values += e.getValue().size();
                    if (values > limits.maxListValues()) {
                        throw QueryErrors.overListValuesLimit(here, limits.maxListValues());
                    }
                } else {
                    filter(e.getValue(), here);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                filter(node.get(i), at.index(i));
            }
        }
    }
}
