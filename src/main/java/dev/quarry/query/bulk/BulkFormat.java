package dev.quarry.query.bulk;

import java.util.Locale;
import java.util.Optional;

/** The media types a bulk import reads: one JSON object per line, or CSV with a header row of field names. */
public enum BulkFormat {
    NDJSON("application/x-ndjson", "ndjson"),
    CSV("text/csv", "csv");

    public final String mediaType;
    public final String extension;

    BulkFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** By {@code Content-Type}, parameters ignored. */
    public static Optional<BulkFormat> ofMediaType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (BulkFormat f : values()) {
            if (f.mediaType.equals(type)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** By a name as the CLI takes it ({@code ndjson}, {@code csv}) or a file's extension ({@code .jsonl} too). */
    public static Optional<BulkFormat> ofName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("ndjson") || n.equals("jsonl")) {
            return Optional.of(NDJSON);
        }
        return n.equals("csv") ? Optional.of(CSV) : Optional.empty();
    }
}
