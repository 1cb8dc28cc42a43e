package dev.quarry.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** RFC 4180 read back: an unquoted empty field is {@code null}, a quoted one the empty string. */
final class Csv {

    private Csv() {}

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            String field;
            if (text.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                while (true) {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            b.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(c);
                    }
                }
                field = b.toString();
            } else {
                int end = i;
                while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '\r') {
                    end++;
                }
                field = end == i ? null : text.substring(i, end);
                i = end;
            }
            record.add(field);
            if (text.startsWith("\r\n", i)) {
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (text.charAt(i) == ',') {
                i++;
            } else {
                throw new IllegalArgumentException(
                        "not RFC 4180 at " + i + ": " + text.substring(i, Math.min(text.length(), i + 40)));
            }
        }
        if (!record.isEmpty()) {
            throw new IllegalArgumentException("the last record has no CRLF");
        }
        return records;
    }

    /** The fields a JSON answer's row becomes. */
    static List<String> fields(JsonNode row) {
        List<String> fields = new ArrayList<>();
        Iterator<JsonNode> values = row.elements();
        while (values.hasNext()) {
            JsonNode v = values.next();
            fields.add(v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString());
        }
        return fields;
    }
}
