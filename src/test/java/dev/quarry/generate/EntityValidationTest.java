package dev.quarry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-rule schema's entities, generated and compiled, under Hibernate Validator: each field rule accepts its
 * boundary and refuses one past it (the values DataRulesMigrationTest gives PostgreSQL's constraints), with the
 * rule and the API's explanation as the message; lengths count characters as PostgreSQL does, not UTF-16 units.
 */
class EntityValidationTest {

    private static final String PACKAGE = "dev.quarry.generate.ruled";

    @TempDir
    Path work;

    /** field, accepted value, refused value, the refused value's message. */
    private record Case(String field, Object accepted, Object refused, String message) {}

    private static final List<Case> USER_CASES = List.of(
            new Case("email", "a@b.c", "a@b", "@email: it must be an email address"),
            new Case("name", "ab", "a", "@length(2, 5): its length must be between 2 and 5 characters"),
            new Case("name", "abcde", "abcdef", "@length(2, 5): its length must be between 2 and 5 characters"),
            new Case("name", "abcd😀", "abcde😀", "@length(2, 5): its length must be between 2 and 5 characters"),
            new Case("code", "abyz", "xabyz", "@startsWith(\"ab\"): it must start with \"ab\""),
            new Case("code", "ab\nyz", "abyzx", "@endsWith(\"yz\"): it must end with \"yz\""),
            new Case("tag", "-", "ab", "@contains(\"-\"): it must contain \"-\""),
            new Case("tag", "a-b", "A-b", "@regex(\"^[a-z-]+$\"): it must match /^[a-z-]+$/"),
            new Case("site", "https://x.io", "x.io", "@url: it must be an absolute URL (scheme://host…)"),
            new Case("age", 18, 17, "@gte(18): it must be 18 or more"),
            new Case("age", 129, 130, "@lt(130): it must be less than 130"),
            new Case("score", 0.001, 0.0, "@gt(0): it must be greater than 0"),
            new Case("score", 10.0, 10.001, "@lte(10): it must be 10 or less"));

    @Test
    void theGeneratedEntitiesRefuseWhatTheRulesRefuse() throws Exception {
        var schema = GeneratedSourcesUpToDateTest.load(Path.of("src/test/resources/schema/data-rules/schema.prisma"));
        List<Diagnostic<? extends JavaFileObject>> errors =
                JavaCompilation.errors(JavaCompilation.sources(JavaEntityGenerator.generate(schema, PACKAGE)), work);
        assertEquals(List.of(), errors, JavaCompilation.describe(errors));

        try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {work.resolve("classes").toUri().toURL()},
                        getClass().getClassLoader());
                ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            Class<?> userClass = loader.loadClass(PACKAGE + ".User");
            assertEquals(Set.of(), messages(validator, validUser(userClass)), "a user within every rule");
            for (Case c : USER_CASES) {
                Object accepted = validUser(userClass);
                set(accepted, c.field(), c.accepted());
                assertEquals(Set.of(), messages(validator, accepted), c.field() + " = " + c.accepted());
                Object refused = validUser(userClass);
                set(refused, c.field(), c.refused());
                assertEquals(
                        Set.of(c.field() + ": " + c.message()),
                        messages(validator, refused),
                        c.field() + " = " + c.refused());
            }

            Object unset = userClass.getConstructor().newInstance();
            assertEquals(
                    Set.of(), messages(validator, unset), "null passes every rule, as it passes a CHECK constraint");

            Object vote = loader.loadClass(PACKAGE + ".Vote").getConstructor().newInstance();
            for (int weight : new int[] {1, 5}) {
                set(vote, "weight", weight);
                assertEquals(Set.of(), messages(validator, vote), "weight " + weight);
            }
            set(vote, "weight", 0);
            assertEquals(Set.of("weight: @gte(1): it must be 1 or more"), messages(validator, vote));
            set(vote, "weight", 6);
            assertEquals(Set.of("weight: @lte(5): it must be 5 or less"), messages(validator, vote));
        }
    }

    @Test
    void theRulesAreAnnotationsOnTheFields() throws Exception {
        var schema = GeneratedSourcesUpToDateTest.load(Path.of("src/test/resources/schema/data-rules/schema.prisma"));
        String user = JavaEntityGenerator.generate(schema, PACKAGE).stream()
                .filter(f -> f.relativePath().endsWith("/User.java"))
                .findFirst()
                .orElseThrow()
                .content();
        assertTrue(user.contains("@CodePointLength(\n            min = 2,\n            max = 5,"), user);
        assertTrue(user.contains("@Min(\n            value = 18L,"), user);
        assertTrue(user.contains("@DecimalMax(\n            value = \"130\",\n            inclusive = false,"), user);
        assertTrue(user.contains("@Pattern(\n            regexp = \"(?s:.*)(?:^[a-z-]+$)(?s:.*)\","), user);
        assertTrue(user.contains("message = \"@regex(\\\"^[a-z-]+\\\\$\\\"): it must match /^[a-z-]+\\\\$/\""), user);
    }

    private static Object validUser(Class<?> userClass) throws Exception {
        Object user = userClass.getConstructor().newInstance();
        set(user, "id", 1);
        set(user, "email", "ann@x.io");
        set(user, "name", "ann");
        return user;
    }

    private static void set(Object entity, String field, Object value) throws Exception {
        String setter = "set" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
        for (var method : entity.getClass().getMethods()) {
            if (method.getName().equals(setter)) {
                method.invoke(entity, value);
                return;
            }
        }
        throw new AssertionError("no " + setter + " on " + entity.getClass());
    }

    private static Set<String> messages(Validator validator, Object entity) {
        Set<String> messages = new TreeSet<>();
        for (ConstraintViolation<Object> violation : validator.validate(entity)) {
            messages.add(violation.getPropertyPath() + ": " + violation.getMessage());
        }
        return messages;
    }
}
