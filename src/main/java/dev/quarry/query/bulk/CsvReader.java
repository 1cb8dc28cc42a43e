package dev.quarry.query.bulk;

import dev.quarry.query.QueryErrors;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 4180 records read one at a time from a character stream, with PostgreSQL's CSV rule for NULL: an unquoted
 * empty field is {@code null}, a quoted one ({@code ""}) the empty string. Quoted fields may hold commas, doubled
 * quotes and line breaks; records end with CRLF or LF. A blank line is no record.
 */
final class CsvReader {

    /** One record: the line it starts on (1-based) and its fields ({@code null} for NULL). */
    record Record(int line, List<String> fields) {}

    private final Reader in;
    private int line = 1;
    private int pushedBack = -2;
    private final char[] buffer = new char[1 << 14];
    private int position;
    private int limit;

    CsvReader(Reader in) {
        this.in = in;
    }

    Optional<Record> next() throws IOException {
        while (true) {
            int start = line;
            List<String> fields = new ArrayList<>();
            int c = read();
            if (c == -1) {
                return Optional.empty();
            }
            if (c == '\n' || c == '\r') {
                endOfLine(c);
                continue;
            }
            unread(c);
            while (true) {
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                c = read();
                if (c == '"') {
                    quoted = true;
                    while (true) {
                        c = read();
                        if (c == -1) {
                            throw new BulkRowException(
                                    start,
                                    QueryErrors.bulkCsvMalformed(
                                            "the quoted field that starts on line " + start + " is never closed"));
                        }
                        if (c == '"') {
                            int after = read();
                            if (after == '"') {
                                field.append('"');
                                continue;
                            }
                            c = after;
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        field.append((char) c);
                    }
                    if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        throw new BulkRowException(
                                line,
                                QueryErrors.bulkCsvMalformed(
                                        "a quoted field must end at a comma or the end of the line, not at "
                                                + "'" + (char) c
                                                + "' (write a quote inside a quoted field as \"\")"));
                    }
                } else {
                    while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        if (c == '"') {
                            throw new BulkRowException(
                                    line,
                                    QueryErrors.bulkCsvMalformed(
                                            "a quote inside an unquoted field (quote the whole field and "
                                                    + "double the quote)"));
                        }
                        field.append((char) c);
                        c = read();
                    }
                }
                fields.add(!quoted && field.length() == 0 ? null : field.toString());
                if (c == ',') {
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    endOfLine(c);
                }
                return Optional.of(new Record(start, fields));
            }
        }
    }

    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            int after = read();
            if (after != '\n') {
                unread(after);
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        if (position == limit) {
            limit = in.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
