package dev.quarry.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The code table: each code once, with one status, title and type, by one rule. */
class ErrorCodeTest {

    /** The codes clients and the OpenAPI document rely on: a code is added here on purpose, and never reused. */
    private static final Set<String> PUBLISHED = Set.of(
            "Q100",
            "Q101",
            "Q102",
            "Q103",
            "Q104",
            "Q105",
            "Q106",
            "Q107",
            "Q108",
            "Q109",
            "Q110",
            "Q111",
            "Q112",
            "Q113",
            "Q120",
            "Q130",
            "Q131",
            "Q132",
            "Q133",
            "Q134",
            "Q160",
            "Q161",
            "Q170",
            "Q171",
            "Q172",
            "Q180",
            "Q190",
            "Q400",
            "Q401",
            "Q403",
            "Q404",
            "Q405",
            "Q406",
            "Q412",
            "Q413",
            "Q414",
            "Q415",
            "Q500",
            "Q503",
            "schema-behind",
            "P2000",
            "P2002",
            "P2003",
            "P2004",
            "P2007",
            "P2011",
            "P2012",
            "P2014",
            "P2017",
            "P2018",
            "P2019",
            "P2020",
            "P2021",
            "P2022",
            "P2024",
            "P2025",
            "P2028",
            "P2034",
            "P2039");

    @Test
    void everyCodeIsInTheTableOnce() {
        List<String> codes =
                Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toList();
        assertEquals(codes.size(), new HashSet<>(codes).size(), "a code appears twice: " + codes);
        assertEquals(new TreeSet<>(PUBLISHED), new TreeSet<>(codes));
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code, ErrorCode.find(code.code()).orElseThrow());
        }
        assertTrue(ErrorCode.find("Q999").isEmpty());
    }

    @Test
    void everyCodeHasOneStatusTitleAndTypeByOneRule() {
        for (ErrorCode code : ErrorCode.values()) {
            assertTrue(code.status() >= 400 && code.status() <= 599, code + " " + code.status());
            assertFalse(code.title().isBlank(), code.toString());
            assertEquals("https://quarry.dev/problems/" + code.code(), code.type());
            assertTrue(code.code().matches("Q\\d{3}|P2\\d{3}|[a-z]+(-[a-z]+)*"), code.code());
        }
    }

    /**
     * A Q-code named after an HTTP status (Q400 and above) has that status; Prisma's codes keep Prisma's meaning.
     */
    @Test
    void httpNamedCodesHaveTheirStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            if (code.code().matches("Q[45]\\d\\d")) {
                assertEquals(Integer.parseInt(code.code().substring(1)), code.status(), code.toString());
                assertEquals(code, ErrorCode.ofHttpStatus(code.status()));
            }
        }
        assertEquals(404, ErrorCode.RECORD_NOT_FOUND.status());
        assertEquals(409, ErrorCode.UNIQUE_VIOLATION.status());
        assertEquals(400, ErrorCode.INPUT_ERROR.status());
        assertEquals(ErrorCode.BAD_REQUEST, ErrorCode.ofHttpStatus(418));
        assertEquals(ErrorCode.INTERNAL, ErrorCode.ofHttpStatus(502));
    }

    @Test
    void onlyAnUnavailableDatabaseSaysRetryLater() {
        Set<ErrorCode> retry =
                Arrays.stream(ErrorCode.values()).filter(ErrorCode::retryLater).collect(Collectors.toSet());
        assertEquals(Set.of(ErrorCode.DATABASE_UNAVAILABLE, ErrorCode.POOL_TIMEOUT, ErrorCode.SCHEMA_BEHIND), retry);
        retry.forEach(code -> assertEquals(503, code.status()));
    }
}
