package dev.quarry.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java sources with javax.tools against the test classpath and returns the errors. */
final class JavaCompilation {

    private JavaCompilation() {}

    /** @param sources relative path → text */
    static List<Diagnostic<? extends JavaFileObject>> errors(Map<String, String> sources, Path workDirectory) {
        try {
            Path sourceDirectory = Files.createDirectories(workDirectory.resolve("src"));
            Path classDirectory = Files.createDirectories(workDirectory.resolve("classes"));
            List<Path> files = new ArrayList<>();
            for (Map.Entry<String, String> source : sources.entrySet()) {
                Path file = sourceDirectory.resolve(source.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
                files.add(file);
            }
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager fileManager =
                    compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
                List<String> options = List.of(
                        "--release",
                        "17",
                        "-proc:none",
                        "-classpath",
                        testClasspath(),
                        "-d",
                        classDirectory.toString());
                compiler.getTask(
                                null,
                                fileManager,
                                diagnostics,
                                options,
                                null,
                                fileManager.getJavaFileObjectsFromPaths(files))
                        .call();
            }
            return diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> sources(List<GeneratedFile> files) {
        return files.stream()
                .collect(Collectors.toMap(
                        GeneratedFile::relativePath, GeneratedFile::content, (a, b) -> a, TreeMap::new));
    }

    static String describe(List<Diagnostic<? extends JavaFileObject>> errors) {
        return errors.stream()
                .limit(10)
                .map(d -> (d.getSource() == null
                                ? ""
                                : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ")
                        + d.getMessage(Locale.ROOT))
                .collect(Collectors.joining("\n"));
    }

    /** Surefire hides the real classpath behind a manifest-only jar; it publishes it here. */
    private static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
