package dev.quarry.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.PrismaSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The point of the typed layer: hand-written code that names a field the schema no longer has
 * stops compiling, and the compiler names the field.
 */
class RenamedFieldBreaksCompilationTest {

    private static final String REPORT = """
            package app;

            import blog.Post;
            import blog.User;
            import jakarta.persistence.criteria.CriteriaBuilder;
            import jakarta.persistence.criteria.CriteriaQuery;
            import jakarta.persistence.criteria.Root;

            class Report {
                static CriteriaQuery<User> activeByEmail(CriteriaBuilder cb) {
                    CriteriaQuery<User> query = cb.createQuery(User.class);
                    Root<User> user = query.from(User.class);
                    return query.where(cb.isTrue(user.get(User.Fields.ACTIVE))) \
                    .orderBy(cb.asc(user.get(User.Fields.EMAIL)));
                }

                static String emailOf(Post post) {
                    return post.getAuthor().getEmail();
                }
            }
            """;

    @TempDir
    Path work;

    @Test
    void codeUsingTheOldNameNoLongerCompiles() throws Exception {
        String blog = Files.readString(Path.of("src/main/resources/schema.prisma"));
        assertEquals(
                List.of(),
                compile(blog, work.resolve("before")),
                "the hand-written code compiles against the schema as it is");

        String renamed = blog.replace("  email     String   @unique", "  emailAddress String @unique");
        assertFalse(renamed.equals(blog), "the copy of the schema renames User.email");
        List<Diagnostic<? extends JavaFileObject>> errors = compile(renamed, work.resolve("after"));

        assertEquals(2, errors.size(), JavaCompilation.describe(errors));
        String messages = String.join(
                "\n", errors.stream().map(d -> d.getMessage(Locale.ROOT)).toList());
        assertTrue(messages.contains("EMAIL"), messages);
        assertTrue(messages.contains("getEmail()"), messages);
    }

    private static List<Diagnostic<? extends JavaFileObject>> compile(String schemaText, Path directory) {
        var result = PrismaSchema.parse("schema.prisma", schemaText);
        assertTrue(
                result.schema().isPresent() && !result.hasErrors(),
                result.errors().toString());
        Map<String, String> sources = new TreeMap<>(JavaCompilation.sources(
                JavaEntityGenerator.generate(result.schema().get(), "blog")));
        sources.put("app/Report.java", REPORT);
        return JavaCompilation.errors(sources, directory);
    }
}
