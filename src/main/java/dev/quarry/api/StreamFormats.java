package dev.quarry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.plan.Selection;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
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
    private static final byte NEWLINE = '\n';

    private StreamFormats() {}

    /**
     * A fetch's lines written together, their bytes as the database sent them (the server writes each item on its
     * own and ends it with \n: a write per row would cost a system call per row).
     */
    static Multi<Buffer> ndjson(Multi<List<Buffer>> fetches) {
        return fetches.map(StreamFormats::joined).onFailure().recoverWithItem(StreamFormats::problemLine);
    }

    private static Buffer joined(List<Buffer> lines) {
        int length = lines.size() - 1;
        for (Buffer line : lines) {
            length += line.length();
        }
        Buffer joined = Buffer.buffer(length);
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                joined.appendByte(NEWLINE);
            }
            joined.appendBuffer(lines.get(i));
        }
        return joined;
    }

    private static Buffer problemLine(Throwable failure) {
        Problem problem = Failure.of(failure).problem();
        try {
            return Buffer.buffer(JSON.writeValueAsBytes(Map.of("$problem", problem)));
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
    public static Multi<String> csv(List<String> header, Multi<List<Buffer>> fetches) {
        Multi<String> records = fetches.map(lines -> {
            StringBuilder text = new StringBuilder();
            for (Buffer line : lines) {
                record(text, row(line));
            }
            return text.toString();
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
                        records);
    }

    private static JsonNode row(Buffer line) {
        try {
            return JSON.readTree(line.getBytes());
        } catch (IOException e) {
            throw new IllegalStateException("the database sent a row that is not JSON", e);
        }
    }

    private static void record(StringBuilder line, JsonNode row) {
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
        line.append("\r\n");
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
