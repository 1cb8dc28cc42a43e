package dev.quarry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.plan.Selection;
import io.smallrye.mutiny.Multi;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The lines of a streamed {@code findMany}, from its elements' JSON texts (built by PostgreSQL, as the JSON
 * answer's).
 *
 * <p>NDJSON: each element, then {@code \n}. The status (200) is sent with the first line, so a failure after it
 * cannot change it: the stream then ends with one last line, {@code {"$problem": {…problem document…}}} (no field
 * of a model can be named {@code $problem}, so it cannot be mistaken for a row). CSV has no such line: a failure
 * cuts the response off (no final chunk), which HTTP clients report as an incomplete body.
 */
public final class StreamFormats {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Enough to amortize a write, few enough that the first lines leave early. */
    private static final int LINES_PER_WRITE = 200;

    private StreamFormats() {}

    /**
     * The lines written together, {@link #LINES_PER_WRITE} at a time (the server writes each item on its own and
     * ends it with \n: a write per row would cost a system call per row).
     */
    static Multi<RawValue> ndjson(Multi<String> elements) {
        return batched(elements, "\n").map(RawValue::new).onFailure().recoverWithItem(StreamFormats::problemLine);
    }

    private static Multi<String> batched(Multi<String> lines, String separator) {
        return lines.group().intoLists().of(LINES_PER_WRITE).map(batch -> String.join(separator, batch));
    }

    private static RawValue problemLine(Throwable failure) {
        Problem problem = Failure.of(failure).problem();
        try {
            return new RawValue(JSON.writeValueAsString(Map.of("$problem", problem)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The columns of a flat selection, in its order; a 400 when it nests. */
    public static List<String> csvHeader(Selection selection) {
        List<String> header = new ArrayList<>();
        for (Selection.Selected item : selection.items()) {
            if (!(item instanceof Selection.Scalar)) {
                throw QueryErrors.csvNotFlat(item.key());
            }
            header.add(item.key());
        }
        return header;
    }

    /**
     * RFC 4180 records with CRLF: the header, then one record per element. A value is written as the JSON answer
     * writes it (a string's text, a number or boolean as its JSON literal, a list or Json value as its JSON text);
     * {@code null} is an empty field and an empty string {@code ""}, so the two stay apart.
     */
    public static Multi<String> csv(List<String> header, Multi<String> elements) {
        Multi<String> records = elements.map(element -> {
            try {
                return record(JSON.readTree(element));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("the database sent a row that is not JSON", e);
            }
        });
        return Multi.createBy()
                .concatenating()
                .streams(
                        Multi.createFrom()
                                .item(String.join(
                                                ",",
                                                header.stream()
                                                        .map(StreamFormats::field)
                                                        .toList()) + "\r\n"),
                        batched(records, ""));
    }

    private static String record(JsonNode row) {
        StringBuilder line = new StringBuilder();
        Iterator<JsonNode> values = row.elements();
        while (values.hasNext()) {
            JsonNode value = values.next();
            if (!value.isNull()) {
                line.append(field(value.isTextual() ? value.textValue() : value.toString()));
            }
            if (values.hasNext()) {
                line.append(',');
            }
        }
        return line.append("\r\n").toString();
    }

    /**
     * Quoted when empty (so that it is not null) or when it holds a comma, a quote or a line break; quotes doubled.
     */
    private static String field(String text) {
        if (!text.isEmpty() && text.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
