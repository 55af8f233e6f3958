package dev.serverlesslab.exercises.build;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of one compilation: whether it succeeded, what the compiler said, and where the class files went.
 *
 * @param success     true when the compiler reported no errors (warnings do not count)
 * @param diagnostics the compiler's messages, sorted by file, line and column
 * @param classesDir  the folder the class files were written to
 */
public record CompileResult(boolean success, List<SourceDiagnostic> diagnostics, Path classesDir) {

    public CompileResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** The diagnostics that made the compilation fail. */
    public List<SourceDiagnostic> errors() {
        return diagnostics.stream().filter(SourceDiagnostic::isError).toList();
    }
}
