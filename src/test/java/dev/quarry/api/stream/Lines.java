package dev.quarry.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What the stream tests do with a URL parameter and an answer's line. */
final class Lines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Lines() {}

    /** {@code s} as a query parameter's value. */
    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** One line of an NDJSON answer, which must be one JSON value. */
    static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
