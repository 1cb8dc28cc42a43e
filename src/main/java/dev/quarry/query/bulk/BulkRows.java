package dev.quarry.query.bulk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quarry.query.QueryErrors;
import dev.quarry.query.QueryException;
import dev.quarry.schema.model.Model;
import dev.quarry.schema.model.ScalarField;
import dev.quarry.schema.model.ScalarType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The records of an import body, read one at a time as the body arrives; never the whole body at once. */
public sealed interface BulkRows permits BulkRows.Ndjson, BulkRows.Csv {

    ObjectMapper JSON = new ObjectMapper();

    /**
     * The next record, or empty at the end of the body; a record that does not parse is a {@link QueryException}.
     */
    Optional<BulkRow> next() throws IOException;

    /** Whether the values are text to be read by each field's type (CSV), or JSON values (NDJSON). */
    boolean textValues();

    static BulkRows of(BulkFormat format, Model model, InputStream body) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16);
        return format == BulkFormat.NDJSON ? new Ndjson(reader) : new Csv(model, new CsvReader(reader));
    }

    /** One JSON object per line; blank lines are skipped but counted. */
    final class Ndjson implements BulkRows {
        private final BufferedReader in;
        private int line;

        Ndjson(BufferedReader in) {
            this.in = in;
        }

        @Override
        public Optional<BulkRow> next() throws IOException {
            String text;
            do {
                text = in.readLine();
                line++;
                if (text == null) {
                    return Optional.empty();
                }
            } while (text.isBlank());
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BulkRowException(
                        line, QueryErrors.bulkLineNotObject("not JSON (" + e.getOriginalMessage() + ")"));
            }
            if (!(node instanceof ObjectNode object)) {
                throw new BulkRowException(
                        line,
                        QueryErrors.bulkLineNotObject(
                                "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
            }
            return Optional.of(new BulkRow(line, object));
        }

        @Override
        public boolean textValues() {
            return false;
        }
    }

    /**
     * A header row of field names, then one record per row. Values are text read by the field's type; a list or
     * Json field's value is JSON text (as the CSV export writes it; a Json value that is not JSON is taken as a
     * string). An unquoted empty field is NULL (for a Json field the database's NULL), a quoted one ({@code ""})
     * the empty string.
     */
    final class Csv implements BulkRows {
        private final Model model;
        private final CsvReader in;
        private List<String> header;

        Csv(Model model, CsvReader in) {
            this.model = model;
            this.in = in;
        }

        @Override
        public Optional<BulkRow> next() throws IOException {
            if (header == null) {
                CsvReader.Record first = in.next()
                        .orElseThrow(() -> new BulkRowException(
                                1,
                                QueryErrors.bulkCsvMalformed(
                                        "the body is empty: a header row of field names comes first")));
                Set<String> seen = new HashSet<>();
                for (String name : first.fields()) {
                    if (name == null || name.isBlank() || !seen.add(name)) {
                        throw new BulkRowException(
                                first.line(),
                                QueryErrors.bulkCsvMalformed(
                                        "the header row names each field once, and no empty name: " + first.fields()));
                    }
                }
                header = first.fields();
            }
            Optional<CsvReader.Record> record = in.next();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            CsvReader.Record r = record.get();
            if (r.fields().size() != header.size()) {
                throw new BulkRowException(
                        r.line(),
                        QueryErrors.bulkCsvMalformed(
                                "the record has " + r.fields().size() + " fields, the header " + header.size()));
            }
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i);
                String value = r.fields().get(i);
                data.set(name, value == null ? nullOf(name) : value(name, value));
            }
            return Optional.of(new BulkRow(r.line(), data));
        }

        /** NULL; for a Json field the database's NULL ({@code DbNull}), as a CSV has no other way to say it. */
        private JsonNode nullOf(String name) {
            Optional<ScalarField> field = model.findScalarField(name);
            if (field.isPresent()
                    && field.get().type() == ScalarType.JSON
                    && !field.get().isList()) {
                return JsonNodeFactory.instance.objectNode().put("$type", "DbNull");
            }
            return NullNode.getInstance();
        }

        private JsonNode value(String name, String text) {
            Optional<ScalarField> field = model.findScalarField(name);
            if (field.isEmpty() || !(field.get().isList() || field.get().type() == ScalarType.JSON)) {
                return TextNode.valueOf(text);
            }
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                return TextNode.valueOf(text);
            }
        }

        @Override
        public boolean textValues() {
            return true;
        }
    }
}
