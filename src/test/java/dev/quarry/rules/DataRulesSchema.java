package dev.quarry.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The schema the data-rule tests share: every rule once, as attributes or as {@code ///} comments. */
final class DataRulesSchema {

    private DataRulesSchema() {}

    private static String read(String resource) {
        try (var in = DataRulesSchema.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String DATASOURCE = """
            datasource db {
              provider = "postgresql"
            }
            """;

    /** Every field rule, a multi-field {@code @@validate} and a raw {@code @@check}, written as attributes. */
    /**
     * Every field rule, a multi-field {@code @@validate} and a raw {@code @@check}, written as attributes (the API
     * tests' schema).
     */
    static final String ATTRIBUTES = read("schema/data-rules/schema.prisma");

    /** The same rules in {@code ///} comments, which Prisma's own tools read as documentation. */
    static final String COMMENTS = ATTRIBUTES
            .replace("  email String  @email", "  /// @email\n  email String")
            .replace("  name  String  @length(2, 5)", "  name  String  /// @length(2, 5)")
            .replace(
                    "  code  String? @startsWith(\"ab\") @endsWith(\"yz\")",
                    "  /// @startsWith(\"ab\")\n  /// @endsWith(\"yz\")\n  code  String?")
            .replace(
                    "  tag   String? @contains(\"-\") @regex(\"^[a-z-]+$\")",
                    "  /// @contains(\"-\")\n  /// @regex(\"^[a-z-]+$\")\n  tag   String?")
            .replace("  site  String? @url", "  /// @url\n  site  String?")
            .replace("  age   Int?    @gte(18) @lt(130)", "  /// @gte(18)\n  /// @lt(130)\n  age   Int?")
            .replace("  score Float?  @gt(0) @lte(10)", "  /// @gt(0)\n  /// @lte(10)\n  score Float?")
            .replace(
                    "  @@validate(low <= high, \"low must not exceed high\")",
                    "  /// @@validate(low <= high, \"low must not exceed high\")")
            .replace("  @@check(expression:", "  /// @@check(expression:")
            .replace("  title    String    @length(min: 3)", "  /// @length(min: 3)\n  title    String")
            .replace("  text   String @length(max: 10)", "  /// @length(max: 10)\n  text   String")
            .replace("  weight    Int     @gte(1) @lte(5)", "  /// @gte(1)\n  /// @lte(5)\n  weight    Int");
}
