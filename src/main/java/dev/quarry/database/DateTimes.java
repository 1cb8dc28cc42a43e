package dev.quarry.database;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Date-time defaults: Prisma's spelling in migrations, and a comparison that survives PostgreSQL's. */
final class DateTimes {

    private static final Pattern DATE_TIME =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?.*");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DateTimes() {}

    /** {@code 2020-01-01T00:00:00Z} → {@code 2020-01-01 00:00:00 +00:00}, as Prisma writes it. */
    static String prismaLiteral(String iso) {
        try {
            OffsetDateTime time = OffsetDateTime.parse(iso);
            String fraction = time.getNano() == 0 ? "" : fraction(time.getNano());
            String offset = time.getOffset().getId().equals("Z")
                    ? "+00:00"
                    : time.getOffset().getId();
            return time.format(SECONDS) + fraction + " " + offset;
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String fraction(int nanos) {
        String digits = String.format("%09d", nanos);
        if (digits.endsWith("000000")) {
            return "." + digits.substring(0, 3);
        }
        return digits.endsWith("000") ? "." + digits.substring(0, 6) : "." + digits;
    }

    /**
     * The local date-time of a literal, ignoring any offset (as a {@code timestamp without time zone} column does).
     */
    static Optional<LocalDateTime> localPart(String text) {
        if (!DATE_TIME.matcher(text).matches()) {
            return Optional.empty();
        }
        String local = text.replace('T', ' ');
        int cut = local.length();
        for (int i = 19; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '+' || c == '-' || c == ' ' || c == 'Z') {
                cut = i;
                break;
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(local.substring(0, cut).replace(' ', 'T')));
        } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
