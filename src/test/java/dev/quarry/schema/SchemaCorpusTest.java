package dev.quarry.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quarry.schema.diagnostics.Diagnostic;
import dev.quarry.schema.diagnostics.DiagnosticRenderer;
import dev.quarry.schema.diagnostics.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole conformance corpus: PostgreSQL schemas of real/ and engines-valid/ validate; every
 * engines-invalid/ fixture is rejected, and for PostgreSQL (or provider-less) fixtures the headline
 * diagnostic is compared with EXPECTED_DIAGNOSTICS.tsv. Fixtures of other providers are counted apart:
 * Quarry rejects them with its only-PostgreSQL error.
 */
class SchemaCorpusTest {

    /** Regression floors: raise them when the rates go up. */
    private static final int MIN_INVALID_HEADLINE_MATCHES = 60;
    /** Not every Prisma check is implemented yet: these many invalid fixtures must at least be rejected. */
    private static final int MIN_INVALID_REJECTED = 145;

    private static final Pattern PROVIDER = Pattern.compile("datasource\\s+\\w+\\s*\\{[^}]*?provider\\s*=\\s*\"([^\"]*)\"", Pattern.DOTALL);

    static Optional<String> provider(String text) {
        Matcher matcher = PROVIDER.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static boolean postgresOrNone(Optional<String> provider) {
        return provider.map(p -> p.equals("postgresql") || p.equals("postgres")).orElse(true);
    }

    private static SourceFile source(Path path) {
        return new SourceFile(path.getFileName().toString(), Corpus.read(path));
    }

    private static String describe(String name, SchemaResult result) {
        StringBuilder text = new StringBuilder(name).append('\n');
        result.errors().stream().limit(3).forEach(d -> text.append(DiagnosticRenderer.render(d)));
        return text.toString();
    }

    /**
     * Schemas current Prisma rejects too: documentation excerpts that reference models they do not define, and
     * webstudio's views with primary keys (accepted by Prisma 5; Prisma 6 and 7 say "Views cannot have primary keys.").
     */
    private static final java.util.Set<String> REJECTED_BY_PRISMA = java.util.Set.of(
            "real/webstudio-is__webstudio__packages__prisma-client__prisma__schema.prisma",
            "real/civitai__civitai__apps__event-engine__docs__reference__schema-full.prisma",
            "real/civitai__civitai__apps__event-engine__docs__reference__schema-minimal.prisma",
            "real/civitai__civitai__apps__event-engine__docs__reference__schema.prisma");

    private static String folderKey(String[] cols) {
        return cols[1] + "/" + cols[2].substring(0, Math.max(0, cols[2].lastIndexOf('/'))) + "@" + cols[3];
    }

    @Test
    void realPostgresSchemasValidate() {
        Map<String, List<SourceFile>> schemas = new LinkedHashMap<>();
        Map<String, String> folderOf = new HashMap<>();
        Map<String, Boolean> postgres = new HashMap<>();
        java.util.Set<String> folders = new java.util.HashSet<>();
        for (String row : Corpus.read(Corpus.root().resolve("SOURCES.tsv")).split("\n")) {
            String[] cols = row.split("\t");
            if (cols.length >= 6 && cols[0].startsWith("real/") && cols[5].contains("schema folder")) {
                folders.add(folderKey(cols));
            }
        }
        for (String row : Corpus.read(Corpus.root().resolve("SOURCES.tsv")).split("\n")) {
            String[] cols = row.split("\t");
            if (cols.length < 6 || !cols[0].startsWith("real/")) {
                continue;
            }
            String provider = cols[5];
            String key = folders.contains(folderKey(cols)) ? folderKey(cols) : cols[0];
            folderOf.put(cols[0], key);
            postgres.merge(key, provider.contains("postgres"), Boolean::logicalOr);
        }
        for (Path file : Corpus.files("real")) {
            String key = folderOf.getOrDefault("real/" + file.getFileName(), file.toString());
            schemas.computeIfAbsent(key, k -> new ArrayList<>()).add(source(file));
        }
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<SourceFile>> schema : schemas.entrySet()) {
            if (!postgres.getOrDefault(schema.getKey(), false)) {
                continue;
            }
            if (REJECTED_BY_PRISMA.contains(schema.getKey())) {
                assertTrue(PrismaSchema.parse(schema.getValue()).hasErrors(), schema.getKey());
                continue;
            }
            checked++;
            SchemaResult result = PrismaSchema.parse(schema.getValue());
            if (result.hasErrors() || result.schema().isEmpty()) {
                failures.add(describe(schema.getKey(), result));
            }
        }
        System.out.printf("real/: %d/%d PostgreSQL schemas valid; %d rejected as current Prisma rejects them%n",
                checked - failures.size(), checked, REJECTED_BY_PRISMA.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void enginesValidFixturesValidate() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int otherProviders = 0;
        for (Path file : Corpus.files("engines-valid")) {
            String name = file.getFileName().toString();
            if (name.contains("__reformatter")) {
                continue;
            }
            String text = Corpus.read(file);
            if (text.contains("\n  #id(")) {
                continue; // a query-engine test template (`#id(…)` macros), not PSL
            }
            if (!postgresOrNone(provider(text))) {
                otherProviders++;
                continue;
            }
            checked++;
            SchemaResult result = PrismaSchema.parse(List.of(source(file)));
            if (result.hasErrors()) {
                failures.add(describe(name, result));
            }
        }
        System.out.printf("engines-valid/: %d/%d PostgreSQL or provider-less fixtures valid (%d of other providers skipped)%n",
                checked - failures.size(), checked, otherProviders);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    @Test
    void enginesInvalidFixturesAreRejected() {
        Map<String, String> expected = new HashMap<>();
        for (String row : Corpus.read(Corpus.root().resolve("EXPECTED_DIAGNOSTICS.tsv")).split("\n")) {
            String[] cols = row.split("\t");
            if (cols.length >= 5) {
                expected.put(cols[0], cols[4].split(" \\|\\| ")[0].replaceFirst("^error: ", ""));
            }
        }
        List<String> accepted = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        int postgres = 0;
        int matched = 0;
        int other = 0;
        int otherRejectedAsNotPostgres = 0;
        for (Path file : Corpus.files("engines-invalid")) {
            String name = file.getFileName().toString();
            String text = Corpus.read(file);
            SchemaResult result = PrismaSchema.parse(List.of(source(file)));
            if (!result.hasErrors()) {
                accepted.add(name);
            }
            if (!postgresOrNone(provider(text))) {
                other++;
                if (result.errors().stream().anyMatch(d -> d.message().startsWith("Quarry supports only PostgreSQL"))) {
                    otherRejectedAsNotPostgres++;
                }
                continue;
            }
            postgres++;
            String headline = expected.getOrDefault("engines-invalid/" + name, "?");
            // The TSV keeps each diagnostic's first line (its headline); some messages go on with a hint.
            if (result.errors().stream().map(d -> d.message().lines().findFirst().orElse("")).anyMatch(headline::equals)) {
                matched++;
            } else {
                mismatches.add(name + "\n   expected: " + headline + "\n   got:      "
                        + result.errors().stream().findFirst().map(Diagnostic::message).orElse("(no error)"));
            }
        }
        System.out.printf("engines-invalid/: %d/%d rejected; PostgreSQL/provider-less headline matches %d/%d (%.0f%%); "
                        + "other providers %d, rejected with the only-PostgreSQL error %d%n",
                postgres + other - accepted.size(), postgres + other, matched, postgres, 100.0 * matched / postgres, other, otherRejectedAsNotPostgres);
        mismatches.forEach(m -> System.out.println("  mismatch: " + m));
        assertTrue(postgres + other - accepted.size() >= MIN_INVALID_REJECTED, "rejections regressed; accepted: " + accepted);
        assertTrue(matched >= MIN_INVALID_HEADLINE_MATCHES, "headline matches regressed");
    }
}
