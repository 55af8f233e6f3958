package dev.serverlesslab.exercises.build.worker;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Runs the JDK's compiler on sources held in memory, against exactly the class path given; inside the compile
 * worker only, so whatever javac does to its JVM on a hostile source stays in that JVM.
 */
final class InProcessJavac {

    private static final Comparator<SourceDiagnostic> BY_POSITION = Comparator.comparing(SourceDiagnostic::file)
            .thenComparingLong(SourceDiagnostic::line)
            .thenComparingLong(SourceDiagnostic::column);

    /** The exception javac swallowed and printed after "An exception has occurred in the compiler". */
    private static final Pattern EXCEPTION_LINE =
            Pattern.compile("^((?:java|com|jdk|sun)\\.[\\w.$]+(?:Exception|Error)\\b.*)$", Pattern.MULTILINE);

    private final JavaCompiler compiler;
    private final long classBytesBudget;

    InProcessJavac() {
        this(CompilerLimits.MAX_CLASS_BYTES);
    }

    /** @param classBytesBudget how many bytes of class files one compilation may write in total */
    InProcessJavac(long classBytesBudget) {
        this.classBytesBudget = classBytesBudget;
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler is available in " + System.getProperty("java.home")
                    + ": run the platform on a JDK 17 or newer, not on a JRE");
        }
    }

    /**
     * Compiles a small class once, so javac's classes are loaded and compiled by the JIT before the first learner
     * waits for them; a worker started ahead of need (at server start, after a hostile source) is then warm.
     */
    void warmUp() throws IOException {
        Path classes = Files.createTempDirectory("compile-worker-warm-up");
        try {
            compile(new CompileRequest(Map.of("warm/WarmUp.java", "package warm;\n"
                    + "public class WarmUp implements java.util.function.Function<String, String> {\n"
                    + "    @Override public String apply(String in) {\n"
                    + "        return java.util.List.of(in).stream().map(s -> \"Hello, \" + s)\n"
                    + "                .findFirst().orElse(\"\");\n"
                    + "    }\n}\n"), List.of(), classes));
        } finally {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    WorkerReply compile(CompileRequest request) throws IOException {
        DiagnosticCollector<JavaFileObject> collector = new DiagnosticCollector<>();
        List<SourceFile> units = new ArrayList<>();
        request.sources().forEach((path, text) -> units.add(new SourceFile(path, text)));
        // javac reports crashes of its own (a StackOverflowError or OutOfMemoryError it caught, an internal bug) only
        // as text on this writer, not as a diagnostic; it is read below to tell the learner what happened.
        StringWriter log = new StringWriter();
        boolean success;
        try (StandardJavaFileManager files =
                     compiler.getStandardFileManager(collector, Locale.ENGLISH, StandardCharsets.UTF_8)) {
            Files.createDirectories(request.classesDir());
            // Setting the locations explicitly stops javac from falling back to java.class.path (the worker's own
            // class path) or to "." when the list is empty; sources are looked up nowhere but in the given units.
            files.setLocationFromPaths(StandardLocation.CLASS_PATH, request.classpath());
            files.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of());
            files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(request.classesDir()));
            success = compiler.getTask(log, new BoundedClassOutput(files, classBytesBudget), collector,
                    options(request.classpath(), request.release()), null, units).call();
        }
        List<SourceDiagnostic> diagnostics = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> diagnostic : collector.getDiagnostics()) {
            // Notes are dropped: they suggest recompiling with -Xlint options a learner cannot pass.
            if (diagnostic.getKind() != Diagnostic.Kind.NOTE) {
                diagnostics.add(toSourceDiagnostic(diagnostic));
            }
        }
        if (!success && diagnostics.stream().noneMatch(SourceDiagnostic::isError)) {
            return stoppedBy(log.toString());
        }
        diagnostics.sort(BY_POSITION);
        return new WorkerReply(success, diagnostics, false);
    }

    /** A failure without any error diagnostic: javac caught something thrown inside it and printed it to its log. */
    static WorkerReply stoppedBy(String log) {
        if (log.contains("java.lang.OutOfMemoryError")) {
            return WorkerReply.stopped(CompilerLimits.outOfMemory(), true);
        }
        if (log.contains("java.lang.StackOverflowError")) {
            return WorkerReply.stopped(CompilerLimits.outOfStack(), false);
        }
        Matcher exception = EXCEPTION_LINE.matcher(log);
        String detail = exception.find() ? exception.group(1).strip() : "it stopped without an error message";
        return WorkerReply.stopped(CompilerLimits.crashed(detail.length() > 200 ? detail.substring(0, 200) + "..."
                : detail), false);
    }

    private static List<String> options(List<Path> classpath, int release) {
        List<String> options = new ArrayList<>(List.of(
                "--release", Integer.toString(release), "-proc:none", "-encoding", "UTF-8", "-g", "-nowarn",
                "-Xlint:none"));
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
                CompilerLimits.shortened(diagnostic.getMessage(Locale.ENGLISH)));
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
