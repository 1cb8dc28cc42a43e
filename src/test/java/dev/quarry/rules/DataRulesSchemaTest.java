package dev.quarry.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.api.openapi.OpenApiDocument;
import dev.quarry.database.DbCheck;
import dev.quarry.database.DbTable;
import dev.quarry.database.ShapeCalculator;
import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.model.Schema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Data rules in the schema: both spellings give the same constraints; rules that do not fit are located errors. */
class DataRulesSchemaTest {

    static Schema parse(String text) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", text);
        assertEquals(
                List.of(),
                result.errors().stream()
                        .map(d -> d.span().line() + ": " + d.message())
                        .toList());
        return result.schema().orElseThrow();
    }

    private static List<String> checks(Schema schema, String table) {
        DbTable t = ShapeCalculator.calculate(schema, "public")
                .findTable("public", table)
                .orElseThrow();
        return t.checks().stream()
                .map(c -> c.name() + ": " + c.expression().text())
                .toList();
    }

    @Test
    void everyRuleIsANamedCheckConstraint() {
        assertEquals(
                List.of(
                        "User_email_email_check: \"email\" ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'",
                        "User_name_length_check: char_length(\"name\") >= 2 AND char_length(\"name\") <= 5",
                        "User_code_startsWith_check: starts_with(\"code\", 'ab')",
                        "User_code_endsWith_check: right(\"code\", 2) = 'yz'",
                        "User_tag_contains_check: strpos(\"tag\", '-') > 0",
                        "User_tag_regex_check: \"tag\" ~ '^[a-z-]+$'",
                        "User_site_url_check: \"site\" ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#]+[^\\s]*$'",
                        "User_age_gte_check: \"age\" >= 18",
                        "User_age_lt_check: \"age\" < 130",
                        "User_score_gt_check: \"score\" > 0",
                        "User_score_lte_check: \"score\" <= 10",
                        "User_validate_1_check: \"low\" <= \"high\"",
                        "User_high_with_low_check: \"low\" IS NULL OR \"high\" IS NOT NULL"),
                checks(parse(DataRulesSchema.ATTRIBUTES), "User"));
    }

    @Test
    void commentsAreTheSameRules() {
        Schema attributes = parse(DataRulesSchema.ATTRIBUTES);
        Schema comments = parse(DataRulesSchema.COMMENTS);
        for (String table : List.of("User", "Post", "Comment", "Vote")) {
            assertEquals(checks(attributes, table), checks(comments, table), table);
        }
        DbCheck email = ShapeCalculator.calculate(comments, "public")
                .findTable("public", "User")
                .orElseThrow()
                .checks()
                .get(0);
        assertEquals(Optional.of("@email"), email.source());
    }

    @Test
    void theOpenApiInputsCarryTheRules() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(OpenApiDocument.json(parse(DataRulesSchema.ATTRIBUTES)));
        JsonNode create = doc.at("/components/schemas/UserCreateInput/properties");
        assertEquals("email", create.at("/email/format").asText());
        assertEquals(2, create.at("/name/minLength").asInt());
        assertEquals(5, create.at("/name/maxLength").asInt());
        String age = create.get("age").toString();
        assertEquals(true, age.contains("\"minimum\":18") && age.contains("\"exclusiveMaximum\":130"), age);
        String score =
                doc.at("/components/schemas/UserUpdateInput/properties/score").toString();
        assertEquals(true, score.contains("\"exclusiveMinimum\":0") && score.contains("\"maximum\":10"), score);
        String code = create.get("code").toString();
        assertEquals(true, code.contains("\"pattern\":\"^\\\\Qab\\\\E\"") && code.contains("allOf"), code);
        assertEquals(
                "uri",
                doc.at("/components/schemas/UserCreateManyInput/properties/site")
                                .toString()
                                .contains("\"format\":\"uri\"")
                        ? "uri"
                        : doc.toString());
    }

    @Test
    void rulesThatDoNotFitAreLocatedErrors() {
        assertEquals(
                List.of("3: Error parsing attribute \"@email\": `@email` applies to String fields that are "
                        + "not lists; `n` " + "is Int."),
                errors("n Int @email"));
        assertEquals(
                List.of("3: Error parsing attribute \"@gt\": `@gt` applies to Int, BigInt, Float and "
                        + "Decimal fields that " + "are not lists; `s` is String."),
                errors("s String @gt(1)"));
        assertEquals(
                List.of("3: Error parsing attribute \"@length\": The minimum of `@length` is larger than its "
                        + "maximum."),
                errors("s String @length(5, 2)"));
        assertEquals(
                List.of("3: Error parsing attribute \"@length\": The bounds of `@length` are whole "
                        + "numbers, 0 or more."),
                errors("s String @length(-1)"));
        assertEquals(
                List.of("3: Error parsing attribute \"@regex\": Invalid regular expression: Unclosed group."),
                errors("s String @regex(\"(a\")"));
        assertEquals(
                List.of("3: Error parsing attribute \"@gte\": Expected a number, but received string value `\"1\"`."),
                errors("n Int @gte(\"1\")"));
        assertEquals(
                List.of("4: Error parsing attribute \"@@validate\": Unknown field `nope` in model `M`."),
                errors("s String\n  @@validate(nope > 1)"));
        assertEquals(
                List.of("4: Error parsing attribute \"@@validate\": `length(…)` takes a String field of model `M`."),
                errors("n Int\n  @@validate(length(n) > 1)"));
        assertEquals(
                List.of("4: Error parsing attribute \"@@validate\": A data rule reads the model's own "
                        + "scalar fields only "
                        + "(and `length(field)`), not `auth()`, "
                        + "`future()` or relations: PostgreSQL checks it on the row alone."),
                errors("n Int\n  @@validate(auth().id == n)"));
        assertEquals(
                List.of("4: Error parsing attribute \"@@validate\": Invalid condition: expected a condition."),
                errors("n Int\n  @@validate()"));
        assertEquals(
                List.of("4: Error parsing attribute \"@@check\": Argument \"name\" is missing: the CHECK "
                        + "constraint's "
                        + "name, `name: \"Product_price_check\"`."),
                errors("n Int\n  @@check(expression: \"n > 0\")"));
        assertEquals(
                List.of("4: Error parsing attribute \"@@email\": `email` is a field's rule: write it "
                        + "`@email` in the `///` " + "comment above its field."),
                errors("n String\n  /// @@email"));
    }

    private static List<String> errors(String members) {
        String text = "model M {\n  id Int @id\n  " + members + "\n}\n";
        return PrismaSchema.parse("schema.prisma", DataRulesSchema.DATASOURCE + text).errors().stream()
                .map(d ->
                        (d.span().line() - DataRulesSchema.DATASOURCE.split("\n", -1).length + 1) + ": " + d.message())
                .toList();
    }
}
