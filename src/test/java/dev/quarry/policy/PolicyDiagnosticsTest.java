package dev.quarry.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.PrismaSchema;
import dev.quarry.schema.SchemaResult;
import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import dev.quarry.schema.model.PolicyOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each bad rule gets one error, in Prisma's wording style, pinned to the text it is about. */
class PolicyDiagnosticsTest {

    private static final String SCHEMA = """
            datasource db {
              provider = "postgresql"
              url      = env("DATABASE_URL")
            }

            model User {
              id    Int    @id
              posts Post[]
            }

            model Post {
              id        Int     @id
              title     String  %s
              published Boolean
              author    User    @relation(fields: [authorId], references: [id])
              authorId  Int
              %s
            }
            """;

    /**
     * The only error of the schema with that Post rule (and that attribute on {@code title}), and the text it
     * points at.
     */
    private static void rejected(String fieldAttribute, String blockLine, String message, String pointedAt) {
        SchemaResult result = PrismaSchema.parse("schema.prisma", SCHEMA.formatted(fieldAttribute, blockLine));
        List<Diagnostic> errors = result.errors();
        assertEquals(1, errors.size(), () -> DiagnosticRenderer.render(errors));
        Diagnostic error = errors.get(0);
        assertEquals(message, error.message(), () -> DiagnosticRenderer.render(errors));
        assertEquals(
                pointedAt,
                error.span()
                        .file()
                        .text()
                        .substring(error.span().start(), error.span().end()));
    }

    private static void rejected(String blockLine, String message, String pointedAt) {
        rejected("", blockLine, message, pointedAt);
    }

    @Test
    void unknownField() {
        rejected(
                "@@allow('read', publishd || auth().id == authorId)",
                "Error parsing attribute \"@@allow\": Unknown field `publishd` in model `Post`.",
                "publishd");
    }

    @Test
    void wrongOperation() {
        rejected(
                "@@allow('read,reed', published)",
                "Error parsing attribute \"@@allow\": Invalid operation \"reed\": expected 'create', "
                        + "'read', 'update', 'delete' or 'all', or several separated by commas.",
                "'read,reed'");
    }

    @Test
    void typeMismatch() {
        rejected(
                "@@allow('read', published == 'yes')",
                "Error parsing attribute \"@@allow\": Type mismatch: the field `published` (Boolean) "
                        + "cannot be compared with the string 'yes' (String).",
                "published == 'yes'");
        rejected(
                "@@deny('read', title > 3)",
                "Error parsing attribute \"@@deny\": Type mismatch: the field `title` (String) cannot be "
                        + "compared with the number 3 (Number).",
                "title > 3");
    }

    @Test
    void aConditionIsTrueOrFalse() {
        rejected(
                "@@allow('read', title)",
                "Error parsing attribute \"@@allow\": A condition must be true or false, but the field "
                        + "`title` is not a Boolean.",
                "title");
    }

    @Test
    void syntaxErrors() {
        rejected(
                "@@allow('read', published ||)",
                "Error parsing attribute \"@@allow\": Invalid condition: expected a condition.",
                ")");
        rejected(
                "@@allow('read', a == b == c)",
                "Error parsing attribute \"@@allow\": Invalid condition: comparisons cannot be chained; "
                        + "use `&&` and parentheses.",
                "=");
        rejected(
                "@@allow(read, true)",
                "Error parsing attribute \"@@allow\": Invalid condition: expected the operations as a "
                        + "string, such as 'read' or 'create,update'.",
                "r");
    }

    @Test
    void futureIsTheRowAfterAnUpdate() {
        rejected(
                "@@allow('read', future().published)",
                "Error parsing attribute \"@@allow\": `future()` can only be used in a model's rules for "
                        + "'update' alone: it is the row after the update.",
                "future()");
        rejected(
                "@@allow('update', future().authorId == authorId)",
                "Error parsing attribute \"@@allow\": This condition mixes `future()` with the row before "
                        + "the update. PostgreSQL checks the row before "
                        + "an update (USING) apart from the row after it (WITH CHECK): write conditions on one or "
                        + "the other, joined by `&&`.",
                "future().authorId == authorId");
    }

    @Test
    void authIsTheClaims() {
        rejected(
                "@@allow('read', auth() == authorId)",
                "Error parsing attribute \"@@allow\": `auth()` is the whole set of claims: compare it with "
                        + "`null` only, or compare one claim (`auth().id`).",
                "auth() == authorId");
        rejected(
                "@@allow('read', user() == null)",
                "Error parsing attribute \"@@allow\": Unknown function `user()`: a condition knows "
                        + "`auth()` and `future()`.",
                "user");
    }

    @Test
    void relations() {
        rejected(
                "@@allow('read', author)",
                "Error parsing attribute \"@@allow\": The relation field `author` is no value: read one of "
                        + "its fields (`author.id`) or, for a list, "
                        + "test its rows (`author?[condition]`).",
                "author");
        rejected(
                "@@allow('read', author.id == authorId)",
                "Error parsing attribute \"@@allow\": A comparison with a related row's field can only "
                        + "compare it with a value or a claim of `auth()`, "
                        + "not with a field of this row.",
                "authorId");
    }

    @Test
    void fieldRulesNameRolesOnly() {
        rejected(
                "@allow('read', published)",
                "",
                "Error parsing attribute \"@allow\": A field-level rule becomes a column GRANT, which "
                        + "cannot depend on the row or on claims other than "
                        + "`auth().role`: use `true`, `false`, `auth().role == 'name'`, `auth().role in ['a', 'b']` "
                        + "or `||` of them.",
                "published");
        rejected(
                "@allow('create', true)",
                "",
                "Error parsing attribute \"@allow\": Field-level rules govern 'read' and 'update' only, "
                        + "not \"create\".",
                "'create'");
        rejected(
                "@deny('read', auth().role == 'quarry_anon')",
                "",
                "Error parsing attribute \"@deny\": The field `title` would be readable by every role but "
                        + "some: column privileges cannot take a column "
                        + "back from a few roles of PUBLIC. Allow the roles that may instead.",
                "@deny('read', auth().role == 'quarry_anon')");
    }

    @Test
    void rulesInCommentsArePointedAtInTheComment() {
        rejected(
                "/// @@allow('read', pubished)",
                "Error parsing attribute \"@@allow\": Unknown field `pubished` in model `Post`.",
                "pubished");
        rejected(
                "/// @allow('read', true)",
                "Error parsing attribute \"@allow\": A field-level rule in a comment must be in the `///` "
                        + "comment right above its field, or after it on the same line.",
                "@allow('read', true)");
    }

    @Test
    void policiesAreForModels() {
        SchemaResult result = PrismaSchema.parse("schema.prisma", """
                datasource db {
                  provider = "postgresql"
                  url      = env("DATABASE_URL")
                }

                type Address {
                  street String
                  @@allow('read', true)
                }
                """);
        assertTrue(
                result.errors().stream()
                        .anyMatch(d -> d.message()
                                .equals("Error parsing attribute \"@@allow\": Access policies can only be "
                                        + "defined on models, not " + "on a composite type.")),
                () -> DiagnosticRenderer.render(result.diagnostics()));
    }

    // ---- the datasource's /// @@policies(roles: [...], force: ...)

    private static final String OPTIONS = """
            datasource db {
              provider = "postgresql"
              %s
            }

            model Post {
              id    Int    @id
              title String
              %s
            }
            """;

    private static SchemaResult withOptions(String optionsLine, String rule) {
        return PrismaSchema.parse("schema.prisma", OPTIONS.formatted(optionsLine, rule));
    }

    @Test
    void theDeclaredRolesAndForceAreRead() {
        SchemaResult result = withOptions(
                "/// @@policies(roles: [\"app_user\", \"app_admin\"], force: true)", "@@allow('read', true)");
        assertEquals(List.of(), result.diagnostics(), () -> DiagnosticRenderer.render(result.diagnostics()));
        assertEquals(
                new PolicyOptions(List.of("app_user", "app_admin"), true),
                result.schema().orElseThrow().policyOptions());
    }

    @Test
    void badPolicyOptionsArePinnedToTheirText() {
        List.of(
                        new String[] {
                            "/// @@policies(roles: [\"app_user\", \"PUBLIC\"])",
                            "Error parsing attribute \"@@policies\": PUBLIC is every role of "
                                    + "the database cluster, any login included: name the roles the API switches to "
                                    + "instead.",
                            "\"PUBLIC\""
                        },
                        new String[] {
                            "/// @@policies(roles: \"app_user\")",
                            "Error parsing attribute \"@@policies\": `roles` is a list of role names, "
                                    + "such as `[\"app_user\", \"app_admin\"]`.",
                            "\"app_user\""
                        },
                        new String[] {
                            "/// @@policies(roles: [\"a\", \"a\"])",
                            "Error parsing attribute \"@@policies\": The role \"a\" is listed twice.",
                            "\"a\""
                        },
                        new String[] {
                            "/// @@policies(roles: [\"a\"], force: yes)",
                            "Error parsing attribute \"@@policies\": `force` is `true` or `false`, "
                                    + "but received literal value `yes`.",
                            "yes"
                        },
                        new String[] {
                            "/// @@policies(roles: [\"a\"], grant: true)",
                            "Error parsing attribute \"@@policies\": No such argument.",
                            "grant: true"
                        })
                .forEach(c -> {
                    SchemaResult result = withOptions(c[0], "@@allow('read', true)");
                    assertEquals(
                            1,
                            result.errors().size(),
                            () -> c[0] + "\n" + DiagnosticRenderer.render(result.diagnostics()));
                    Diagnostic error = result.errors().get(0);
                    assertEquals(c[1], error.message(), c[0]);
                    assertEquals(
                            c[2],
                            error.span()
                                    .file()
                                    .text()
                                    .substring(
                                            error.span().start(), error.span().end()),
                            c[0]);
                });
    }

    @Test
    void rulesWithoutDeclaredRolesAreAWarning() {
        SchemaResult result = withOptions("", "@@allow('read', true)");
        assertEquals(List.of(), result.errors());
        assertEquals(
                List.of("The tables of models with access rules are granted to no role, so only their "
                        + "owner reaches them. "
                        + "Declare the "
                        + "roles that may, in the datasource block: `/// @@policies(roles: [\"app_user\"])`."),
                result.diagnostics().stream().map(Diagnostic::message).toList());
        assertEquals(List.of(), withOptions("", "").diagnostics(), "no rules, nothing to say");
    }
}
