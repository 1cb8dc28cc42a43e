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
 * Redocly's recommended rules ({@code src/test/redocly/redocly.yaml}) on the committed documents, the blog's and the
 * rich schema's: no error and no warning.
 */
class RedoclyLintTest {

    @Test
    void committedDocumentsPassTheRecommendedRules() throws Exception {
        NodeProject redocly = NodeProject.prepare(Path.of("src/test/redocly"));
        NodeProject.Result lint = redocly.run(Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), 300,
                "npx", "redocly", "lint", "--config", "redocly.yaml", "--format", "json",
                Documents.BLOG_YAML.toAbsolutePath().toString(), Documents.RICH_YAML.toAbsolutePath().toString());
        String output = lint.output();
        JsonNode report = new ObjectMapper().readTree(output.substring(output.indexOf('{')));
        List<String> problems = new ArrayList<>();
        report.path("problems").forEach(p -> problems.add(p.path("severity").asText() + " " + p.path("ruleId").asText() + ": "
                + p.path("message").asText() + " at " + p.path("location").path(0).path("pointer").asText()));
        assertEquals(List.of(), problems, "Redocly lint problems");
        assertEquals(0, lint.exitCode(), output);
    }
}
