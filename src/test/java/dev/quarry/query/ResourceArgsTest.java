package dev.quarry.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.error.ErrorCode;
import dev.quarry.query.args.Operation;
import dev.quarry.query.args.ReadArgs;
import dev.quarry.query.args.ResourceArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The curl shorthand and the JSON form of the resource surface's parameters become the same argument object. */
class ResourceArgsTest {

    private static String parse(Operation op, String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], List.of(pairs[i + 1]));
        }
        ReadArgs args = ResourceArgs.parse(op, query);
        return args.args().toString();
    }

    @Test
    void bracketFilters() {
        assertEquals(
                "{\"where\":{\"email\":\"a@b.c\",\"age\":{\"gte\":\"18\"}}}",
                parse(Operation.FIND_MANY, "filter[email]", "a@b.c", "filter[age][gte]", "18"));
        assertEquals(
                "{\"where\":{\"id\":{\"in\":[\"a\",\"b\"]},\"name\":null}}",
                parse(Operation.FIND_MANY, "filter[id][in]", "a,b", "filter[name]", "null"));
        assertEquals(
                "{\"where\":{\"OR\":[{\"a\":\"1\"},{\"b\":\"2\"}]}}",
                parse(Operation.FIND_MANY, "filter[OR][0][a]", "1", "filter[OR][1][b]", "2"));
    }

    @Test
    void listsOrderAndSelections() {
        assertEquals(
                "{\"orderBy\":[{\"createdAt\":\"desc\"},{\"name\":\"asc\"},"
                        + "{\"author\":{\"name\":{\"sort\":\"asc\","
                        + "\"nulls\":\"last\"}}}]}",
                parse(Operation.FIND_MANY, "orderBy", "createdAt:desc,name,author.name:asc:last"));
        assertEquals(
                "{\"select\":{\"id\":true,\"posts\":{\"select\":{\"id\":true,\"title\":true}}}}",
                parse(Operation.FIND_MANY, "select", "id,posts(id,title)"));
        assertEquals(
                "{\"include\":{\"posts\":{\"include\":{\"comments\":true}},\"_count\":true}}",
                parse(Operation.FIND_MANY, "include", "posts(comments),_count"));
        assertEquals(
                "{\"distinct\":[\"email\",\"name\"],\"omit\":{\"hash\":true}}",
                parse(Operation.FIND_MANY, "distinct", "email,name", "omit", "hash"));
        assertEquals(
                "{\"by\":[\"role\"],\"_sum\":{\"views\":true}}",
                parse(Operation.GROUP_BY, "by", "role", "_sum", "views"));
    }

    @Test
    void jsonValuesAreJson() {
        assertEquals(
                "{\"where\":{\"email\":{\"contains\":\"x\"}},\"take\":\"5\"}",
                parse(Operation.FIND_MANY, "filter", "{\"email\":{\"contains\":\"x\"}}", "take", "5"));
    }

    @Test
    void mistakes() {
        assertEquals(
                ErrorCode.UNKNOWN_ARGUMENT,
                assertThrows(QueryException.class, () -> parse(Operation.FIND_UNIQUE, "take", "1"))
                        .error()
                        .code());
        assertEquals(
                ErrorCode.MALFORMED_JSON,
                assertThrows(QueryException.class, () -> parse(Operation.FIND_MANY, "filter", "{"))
                        .error()
                        .code());
        assertEquals(
                ErrorCode.MALFORMED_JSON,
                assertThrows(QueryException.class, () -> parse(Operation.FIND_MANY, "select", "a(b"))
                        .error()
                        .code());
        assertEquals(
                ErrorCode.CONFLICTING_ARGUMENTS,
                assertThrows(QueryException.class, () -> parse(Operation.FIND_MANY, "filter[a]", "1", "filter", "{}"))
                        .error()
                        .code());
    }

    @Test
    void shorthandSyntaxErrorsSayShorthandNotJson() {
        QueryException unclosed =
                assertThrows(QueryException.class, () -> parse(Operation.FIND_MANY, "include", "posts(author"));
        assertEquals(ErrorCode.MALFORMED_JSON, unclosed.error().code());
        assertTrue(
                unclosed.error().message().contains("shorthand")
                        && unclosed.error().message().contains("missing ) in posts(author"),
                unclosed.error().message());
        QueryException json =
                assertThrows(QueryException.class, () -> parse(Operation.FIND_MANY, "include", "{\"posts\":"));
        assertTrue(
                json.error().message().contains("is not valid JSON"),
                json.error().message());
    }
}
