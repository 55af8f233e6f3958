package dev.serverlesslab.exercises.build;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources held in memory with the JDK's own compiler, in-process, against exactly the class path given.
 */
public final class JavaSourceCompiler {

    private static final Comparator<SourceDiagnostic> BY_POSITION = Comparator.comparing(SourceDiagnostic::file)
            .thenComparingLong(SourceDiagnostic::line)
            .thenComparingLong(SourceDiagnostic::column);

    private final JavaCompiler compiler;

    /**
     * Uses the system Java compiler.
     *
     * @throws IllegalStateException when the platform runs on a JRE, which has no compiler
     */
    public JavaSourceCompiler() {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler is available in " + System.getProperty("java.home")
                    + ": run the platform on a JDK 17 or newer, not on a JRE");
        }
    }

    /**
     * Compiles {@code sources} into {@code classesDir}.
     *
     * @param sources    path relative to the source root (e.g. {@code example/Hello.java}) to source text
     * @param classpath  the jars and folders the sources may use; nothing else is visible to them
     * @param classesDir where class files are written; created when missing
     */
    public CompileResult compile(Map<String, String> sources, List<Path> classpath, Path classesDir) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("there are no sources to compile");
        }
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        List<SourceFile> units = new ArrayList<>();
        sources.forEach((path, text) -> units.add(new SourceFile(path, text)));
        boolean success;
        try (StandardJavaFileManager files =
                     compiler.getStandardFileManager(collector, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            Files.createDirectories(classesDir);
            // Setting the locations explicitly stops javac from falling back to java.class.path (the server's own
            // class path) or to "." when the list is empty; sources are looked up nowhere but in the given units.
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(classesDir));
            success = compiler.getTask(null, files, collector, options(classpath), null, units).call();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + classesDir + " for compiled classes", e);
        }
        List<SourceDiagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : collector.getDiagnostics()) {
            // Notes are dropped: they suggest recompiling with -Xlint options a learner cannot pass.
            if (diagnostic.getKind() != Diagnostic.Kind.NOTE) {
                diagnostics.add(toSourceDiagnostic(diagnostic));
            }
        }
        diagnostics.sort(BY_POSITION);
        return new CompileResult(success, diagnostics, classesDir);
    }

    private static List<String> options(List<Path> classpath) {
        List<String> options = new ArrayList<>(List.of(
                "--release", "17", "-proc:none", "-encoding", "UTF-8", "-g", "-nowarn", "-Xlint:none"));
        if (!classpath.isEmpty()) {
            // The same list as the CLASS_PATH location above; an empty -classpath would mean "." to javac.
            List<String> entries = classpath.stream().map(Path::toString).toList();
            options.add("-classpath");
            options.add(String.join(File.pathSeparator, entries));
        }
        return options;
    }

    private static SourceDiagnostic toSourceDiagnostic(Diagnostic<? extends JavaFileObject> diagnostic) {
        JavaFileObject source = diagnostic.getSource();
        String file = source instanceof SourceFile unit ? unit.path : source == null ? "" : source.getName();
        return new SourceDiagnostic(file, Math.max(0, diagnostic.getLineNumber()),
                Math.max(0, diagnostic.getColumnNumber()), kind(diagnostic.getKind()),
                diagnostic.getMessage(Locale.ENGLISH));
    }

    private static String kind(Diagnostic.Kind kind) {
        return switch (kind) {
            case ERROR -> "error";
            case WARNING, MANDATORY_WARNING -> "warning";
            case NOTE -> "note";
            case OTHER -> "other";
        };
    }

    /** A source held in memory; its URI ends with the relative path so javac checks public class vs. file name. */
    private static final class SourceFile extends SimpleJavaFileObject {

        private final String path;
        private final String text;

        SourceFile(String path, String text) {
            super(uri(path), Kind.SOURCE);
            this.path = path;
            this.text = text;
        }

        private static URI uri(String path) {
            try {
                return new URI("string", null, "/" + path, null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("cannot use '" + path + "' as a source file name", e);
            }
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
