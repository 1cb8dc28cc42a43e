package dev.quarry.api.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.testsupport.NodeProject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redocly's recommended rules ({@code src/test/redocly/redocly.yaml}) on the committed documents, the blog's and
 * the rich schema's: no error and no warning.
 */
class RedoclyLintTest {

    private static final String REPORT = "{\n  \"totals\"";

    @Test
    void committedDocumentsPassTheRecommendedRules() throws Exception {
        NodeProject redocly = NodeProject.prepare(Path.of("src/test/redocly"));
        NodeProject.Result lint = redocly.run(
                Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
                300,
                "npx",
                "redocly",
                "lint",
                "--config",
                "redocly.yaml",
                "--format",
                "json",
                Documents.BLOG_YAML.toAbsolutePath().toString(),
                Documents.RICH_YAML.toAbsolutePath().toString());
        // one JSON report per document, between the progress lines
        String output = lint.output();
        List<String> problems = new ArrayList<>();
        int reports = 0;
        for (int at = output.indexOf(REPORT); at >= 0; at = output.indexOf(REPORT, at + 1), reports++) {
            JsonNode report = new ObjectMapper().readTree(output.substring(at));
            report.path("problems")
                    .forEach(p -> problems.add(
                            p.path("severity").asText() + " " + p.path("ruleId").asText() + ": "
                                    + p.path("message").asText() + " at "
                                    + p.path("location").path(0).path("pointer").asText()));
        }
        assertEquals(2, reports, output);
        assertEquals(List.of(), problems, "Redocly lint problems");
        assertEquals(0, lint.exitCode(), output);
    }
}
