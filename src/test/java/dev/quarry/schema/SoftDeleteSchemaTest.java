package dev.quarry.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code @deletedAt}, as an attribute and in a {@code ///} comment: where it is accepted, and each refusal at its
 * line and column.
 */
class SoftDeleteSchemaTest {

    /** Three lines: the model starts on line 4, its fields on line 5. */
    private static final String HEADER = "datasource db {\n  provider = \"postgresql\"\n}\n";

    private static final String MODEL = HEADER + "model Note {\n  id Int @id\n%s\n}\n";

    private static SchemaResult parse(String text) {
        return PrismaSchema.parse("schema.prisma", text);
    }

    private static Optional<String> deletedAt(String fields) {
        SchemaResult result = parse(MODEL.formatted(fields));
        assertFalse(result.hasErrors(), () -> DiagnosticRenderer.render(result.errors()));
        return result.schema().orElseThrow().findModel("Note").orElseThrow().deletedAt();
    }

    private static void rejected(String fields, String message, int line, int column) {
        SchemaResult result = parse(MODEL.formatted(fields));
        assertTrue(
                result.errors().stream()
                        .anyMatch(d -> d.message().equals(message)
                                && d.span().line() == line
                                && d.span().column() == column),
                () -> "expected at " + line + ":" + column + ": " + message + "\ngot:\n"
                        + DiagnosticRenderer.render(result.errors()));
    }

    @Test
    void anOptionalDateTimeFieldMarkedInEitherForm() {
        assertEquals(Optional.of("deletedAt"), deletedAt("  deletedAt DateTime? @deletedAt"));
        assertEquals(
                Optional.of("removedAt"),
                deletedAt("  /// When it was removed.\n  /// @deletedAt\n  removedAt DateTime?"));
        assertEquals(Optional.of("gone"), deletedAt("  gone DateTime? @map(\"gone_at\") /// @deletedAt"));
        assertEquals(Optional.empty(), deletedAt("  deletedAt DateTime?\n  /// deletedAt is set by hand"));
    }

    @Test
    void refusalsAreLocated() {
        String wrongType = "Error parsing attribute \"@deletedAt\": Fields that are marked with @deletedAt must be of "
                + "type "
                + "DateTime? (optional: null means not deleted).";
        rejected("  deletedAt DateTime @deletedAt", wrongType, 6, 22);
        rejected("  deletedAt String? @deletedAt", wrongType, 6, 21);
        rejected("  /// @deletedAt\n  deletedAt Int?", wrongType, 6, 7);
        rejected(
                "  a DateTime? @deletedAt\n  b DateTime? @deletedAt",
                "Error parsing attribute \"@deletedAt\": A model can have at most one @deletedAt field; "
                        + "Note already has `a`.",
                7,
                15);
        rejected("  a DateTime? @deletedAt(now())", "Error parsing attribute \"@deletedAt\": No such argument.", 6, 26);
        rejected(
                "  /// @deletedAt(now())\n  a DateTime?",
                "Error parsing attribute \"@deletedAt\": The attribute takes no arguments.",
                6,
                7);
        SchemaResult onType = parse(HEADER + "type Address {\n  at DateTime? @deletedAt\n}\n");
        assertTrue(
                onType.errors().stream()
                        .anyMatch(d -> d.message()
                                .startsWith("Error parsing attribute \"@deletedAt\": Soft delete can "
                                        + "only be defined on a model")),
                () -> DiagnosticRenderer.render(onType.errors()));
    }
}
