package dev.quarry.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Run by the build under {@code CI=true} (pom.xml, profile {@code ci}, phase verify): fails when a surefire or failsafe
 * report shows a skipped test, naming each, or when no report is there at all. In CI every test runs.
 */
public final class SkippedTestsCheck {

    private SkippedTestsCheck() {}

    /** {@code args}: the report folders (target/surefire-reports, target/failsafe-reports); absent ones are fine. */
    public static void main(String[] args) throws Exception {
        int reports = 0;
        int tests = 0;
        List<String> skipped = new ArrayList<>();
        for (String folder : args) {
            for (Path report : reports(Path.of(folder))) {
                reports++;
                Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile()).getDocumentElement();
                NodeList cases = suite.getElementsByTagName("testcase");
                tests += cases.getLength();
                for (int i = 0; i < cases.getLength(); i++) {
                    Element testCase = (Element) cases.item(i);
                    NodeList skip = testCase.getElementsByTagName("skipped");
                    if (skip.getLength() > 0) {
                        skipped.add(testCase.getAttribute("classname") + "." + testCase.getAttribute("name") + ": "
                                + ((Element) skip.item(0)).getAttribute("message"));
                    }
                }
            }
        }
        System.out.printf("[ci] %d test reports, %d tests, %d skipped%n", reports, tests, skipped.size());
        if (reports == 0) {
            throw new IllegalStateException("no surefire or failsafe report under " + String.join(", ", args) + ": no test ran");
        }
        if (!skipped.isEmpty()) {
            throw new IllegalStateException(skipped.size() + " tests skipped; under CI=true every test runs:\n  " + String.join("\n  ", skipped));
        }
    }

    private static List<Path> reports(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }
}
