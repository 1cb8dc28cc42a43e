package dev.quarry.query.args;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.query.ArgPath;
import dev.quarry.query.QueryErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource surface's query parameters → Prisma's argument object. Each parameter is JSON when its value
 * starts with {@code {} or {@code [}, else the curl shorthand:
 *
 * <pre>
 * filter[email]=a@b.c   filter[age][gte]=18   filter[id][in]=a,b   filter[author][name]=Ann   filter[name]=null
 * orderBy=createdAt:desc,name   orderBy=author.name:asc:last   orderBy=posts._count:desc
 * select=id,email,posts(id,title)   include=posts(comments),profile,_count   omit=passwordHash
 * take=10  skip=20  cursor=&lt;id&gt;  distinct=email,name   by=role  _sum=views,likes  _count=_all,email
 * </pre>
 *
 * Shorthand values are text; the planner reads them by the field's type.
 */
public final class ResourceArgs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The filter operators whose value is a list of values. */
    public static final List<String> LIST_OPERATORS = List.of("in", "notIn", "hasSome", "hasEvery");

    private ResourceArgs() {}

    /** The parameters each resource read accepts (besides {@code count}, which the api stage reads). */
    public static List<String> parametersOf(Operation operation) {
        switch (operation) {
            case FIND_MANY:
            case FIND_FIRST:
                return List.of("filter", "orderBy", "select", "include", "omit", "take", "skip", "cursor", "distinct");
            case FIND_UNIQUE:
            case FIND_UNIQUE_OR_THROW:
                return List.of("select", "include", "omit");
            case COUNT:
                return List.of("filter", "orderBy", "take", "skip", "cursor", "select");
            case AGGREGATE:
                return List.of("filter", "orderBy", "take", "skip", "cursor", "_count", "_avg", "_sum", "_min", "_max");
            default:
                return List.of(
                        "filter", "by", "having", "orderBy", "take", "skip", "_count", "_avg", "_sum", "_min", "_max");
        }
    }

    public static ReadArgs parse(Operation operation, Map<String, List<String>> query) {
        List<String> allowed = parametersOf(operation);
        ObjectNode args = NODES.objectNode();
        Map<String, ArgPath> origins = new HashMap<>();
        ObjectNode bracketFilter = null;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey();
            List<String> values = e.getValue();
            if (name.startsWith("filter[") && allowed.contains("filter")) {
                if (args.has("where")) {
                    throw QueryErrors.conflicting(
                            ArgPath.of("filter"), "Use either filter=<JSON> or filter[…]=…, not both");
                }
                if (bracketFilter == null) {
                    bracketFilter = NODES.objectNode();
                }
                putBracket(bracketFilter, name, single(name, values));
                continue;
            }
            if (name.equals(ReadArgs.WITH_DELETED)) {
                // every read's, checked by the planner (an argument only where a model has @deletedAt)
                args.put(name, single(name, values));
                origins.put(name, ArgPath.ofText(name));
                continue;
            }
            if (!allowed.contains(name)) {
                throw QueryErrors.unknownArgument(ArgPath.of(name), name, allowed);
            }
            String value = single(name, values);
            String key = name.equals("filter") ? "where" : name;
            if (name.equals("filter") && bracketFilter != null) {
                throw QueryErrors.conflicting(
                        ArgPath.of("filter"), "Use either filter=<JSON> or filter[…]=…, not both");
            }
            if (isJson(value)) {
                args.set(key, Json.parse(value, ArgPath.of(name)));
                origins.put(key, ArgPath.of(name));
            } else {
                args.set(key, shorthand(operation, name, value));
                origins.put(key, ArgPath.ofText(name));
            }
        }
        if (bracketFilter != null) {
            args.set("where", arrays(bracketFilter));
            origins.put("where", ArgPath.ofText("filter"));
        }
        return new ReadArgs(operation, args, origins);
    }

    /**
     * The body of {@code POST /api/users/_query}: the read's parameters as one JSON object, each in its JSON form
     * ({@code {"filter": {…}, "orderBy": [{…}], "take": 10}}), for clients that cannot put JSON in a query string.
     * {@code count} is the caller's (the total), as it is among query parameters.
     */
    public static ReadArgs ofQueryBody(Operation operation, ObjectNode body) {
        List<String> allowed = parametersOf(operation);
        ObjectNode args = NODES.objectNode();
        Map<String, ArgPath> origins = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            String name = e.getKey();
            if (!allowed.contains(name) && !name.equals(ReadArgs.WITH_DELETED)) {
                List<String> known = new ArrayList<>(allowed);
                known.add("count");
                throw QueryErrors.unknownArgument(ArgPath.of("body").key(name), name, known);
            }
            String key = name.equals("filter") ? "where" : name;
            args.set(key, e.getValue());
            origins.put(key, ArgPath.of("body").key(name));
        }
        return new ReadArgs(operation, args, origins);
    }

    private static boolean isJson(String value) {
        String v = value.stripLeading();
        return v.startsWith("{") || v.startsWith("[");
    }

    private static String single(String name, List<String> values) {
        if (values.size() != 1) {
            throw QueryErrors.conflicting(
                    ArgPath.of(name), "Parameter " + name + " is given " + values.size() + " times; give it once");
        }
        return values.get(0);
    }

    private static JsonNode shorthand(Operation operation, String name, String value) {
        ArgPath at = ArgPath.ofText(name);
        switch (name) {
            case "filter":
            case "having":
                throw QueryErrors.wrongType(
                        at, "JSON (" + name + "={…}) or the bracket form " + name + "[field][operator]=value");
            case "orderBy":
                return orderBy(value, at);
            case "select":
            case "include":
                return selection(value, at, name.equals("include"));
            case "omit":
                return flags(value, at);
            case "distinct":
            case "by":
                return list(value);
            case "_count":
                if (value.equals("true") || value.equals("false")) {
                    return NODES.booleanNode(Boolean.parseBoolean(value));
                }
                return flags(value, at);
            case "_avg":
            case "_sum":
            case "_min":
            case "_max":
                return flags(value, at);
            default:
                return TextNode.valueOf(value);
        }
    }

    // filter[a][b]=v
    private static void putBracket(ObjectNode root, String name, String value) {
        ArgPath at = ArgPath.ofText(name);
        List<String> keys = new ArrayList<>();
        int i = "filter".length();
        while (i < name.length()) {
            if (name.charAt(i) != '[') {
                throw QueryErrors.malformedShorthand(at, "expected filter[field][operator]=value");
            }
            int close = name.indexOf(']', i);
            if (close < 0) {
                throw QueryErrors.malformedShorthand(at, "unclosed [ in " + name);
            }
            keys.add(name.substring(i + 1, close));
            i = close + 1;
        }
        if (keys.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
            throw QueryErrors.malformedShorthand(at, "empty [] in " + name);
        }
        ObjectNode node = root;
        for (int k = 0; k < keys.size() - 1; k++) {
            JsonNode child = node.get(keys.get(k));
            if (child == null) {
                child = node.putObject(keys.get(k));
            } else if (!child.isObject()) {
                throw QueryErrors.conflicting(
                        at,
                        "filter[" + String.join("][", keys.subList(0, k + 1))
                                + "] is given both a value and operators");
            }
            node = (ObjectNode) child;
        }
        String last = keys.get(keys.size() - 1);
        if (node.has(last)) {
            throw QueryErrors.conflicting(at, "Parameter " + name + " is given twice");
        }
        if (value.equals("null")) {
            node.putNull(last);
        } else if (LIST_OPERATORS.contains(last)) {
            node.set(last, list(value));
        } else {
            node.put(last, value);
        }
    }

    /** Objects whose keys are all indexes ({@code filter[OR][0][…]}) become arrays. */
    private static JsonNode arrays(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        ObjectNode obj = (ObjectNode) node;
        boolean indexes = obj.size() > 0;
        var names = obj.fieldNames();
        while (names.hasNext()) {
            if (!names.next().matches("[0-9]{1,4}")) {
                indexes = false;
            }
        }
        if (indexes) {
            ArrayNode array = NODES.arrayNode();
            List<String> keys = new ArrayList<>();
            obj.fieldNames().forEachRemaining(keys::add);
            keys.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
            keys.forEach(k -> array.add(arrays(obj.get(k))));
            return array;
        }
        ObjectNode out = NODES.objectNode();
        obj.fields().forEachRemaining(e -> out.set(e.getKey(), arrays(e.getValue())));
        return out;
    }

    private static ArrayNode list(String value) {
        ArrayNode array = NODES.arrayNode();
        if (!value.isEmpty()) {
            for (String part : value.split(",", -1)) {
                array.add(part);
            }
        }
        return array;
    }

    private static ObjectNode flags(String value, ArgPath at) {
        ObjectNode out = NODES.objectNode();
        for (String part : value.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw QueryErrors.malformedShorthand(at, "empty name in a comma-separated list");
            }
            out.put(name, true);
        }
        return out;
    }

    // orderBy=a:desc,author.name:asc:last,posts._count:desc
    private static ArrayNode orderBy(String value, ArgPath at) {
        ArrayNode out = NODES.arrayNode();
        for (String term : value.split(",", -1)) {
            String[] parts = term.trim().split(":", -1);
            if (parts[0].isEmpty() || parts.length > 3) {
                throw QueryErrors.invalid(
                        at,
                        "orderBy terms are field[:asc|desc[:first|last]], separated by commas",
                        List.of("asc", "desc"));
            }
            JsonNode direction = TextNode.valueOf(parts.length > 1 ? parts[1] : "asc");
            if (parts.length == 3) {
                ObjectNode sort = NODES.objectNode();
                sort.set("sort", direction);
                sort.put("nulls", parts[2]);
                direction = sort;
            }
            String[] path = parts[0].split("\\.", -1);
            JsonNode node = direction;
            for (int i = path.length - 1; i >= 0; i--) {
                ObjectNode wrap = NODES.objectNode();
                wrap.set(path[i], node);
                node = wrap;
            }
            out.add(node);
        }
        return out;
    }

    // select=id,posts(id,title)   include=posts(comments)
    private static ObjectNode selection(String value, ArgPath at, boolean include) {
        int[] pos = {0};
        ObjectNode out = selectionList(value, pos, at, include);
        if (pos[0] != value.length()) {
            throw QueryErrors.malformedShorthand(at, "unexpected '" + value.charAt(pos[0]) + "' at position " + pos[0]);
        }
        return out;
    }

    private static ObjectNode selectionList(String value, int[] pos, ArgPath at, boolean include) {
        ObjectNode out = NODES.objectNode();
        while (true) {
            int start = pos[0];
            while (pos[0] < value.length() && ",()".indexOf(value.charAt(pos[0])) < 0) {
                pos[0]++;
            }
            String name = value.substring(start, pos[0]).trim();
            if (name.isEmpty()) {
                throw QueryErrors.malformedShorthand(at, "expected a field name at position " + start);
            }
            if (pos[0] < value.length() && value.charAt(pos[0]) == '(') {
                pos[0]++;
                ObjectNode nested = selectionList(value, pos, at, include);
                if (pos[0] >= value.length() || value.charAt(pos[0]) != ')') {
                    throw QueryErrors.malformedShorthand(at, "missing ) in " + value);
                }
                pos[0]++;
                ObjectNode args = NODES.objectNode();
                args.set(include ? "include" : "select", nested);
                out.set(name, args);
            } else {
                out.put(name, true);
            }
            if (pos[0] < value.length() && value.charAt(pos[0]) == ',') {
                pos[0]++;
                continue;
            }
            return out;
        }
    }
}
