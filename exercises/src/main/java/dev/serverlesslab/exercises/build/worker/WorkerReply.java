package dev.serverlesslab.exercises.build.worker;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.SourceDiagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What the worker answers to one compilation.
 *
 * @param success     true when javac reported no errors
 * @param diagnostics javac's messages, or one message saying why the compiler could not finish
 * @param retire      true when the worker exits after this reply (it ran out of memory), so it is not reused
 */
record WorkerReply(boolean success, List<SourceDiagnostic> diagnostics, boolean retire) {

    WorkerReply {
        diagnostics = List.copyOf(diagnostics);
    }

    /** A compilation the compiler could not finish: failed, with one message that says why and what to change. */
    static WorkerReply stopped(String message, boolean retire) {
        return new WorkerReply(false, List.of(new SourceDiagnostic("", 0, 0, "error", message)), retire);
    }

    CompileResult toResult(Path classesDir) {
        return new CompileResult(success, diagnostics, classesDir);
    }
}
