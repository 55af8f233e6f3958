package dev.serverlesslab.emulator.lambda;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the execution-environment JVMs this test JVM started for a function, by their working directory under the
 * emulator's work directory.
 */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /**
     * Live child JVMs of the function (or of every function, for a null name); a pre-warmed environment
     * ({@code lambda/prewarmed/env-N}) counts for the function whose ARN its {@code function} file names.
     */
    public static List<ProcessHandle> of(Path workDir, String functionName) {
        String marker = workDir.toAbsolutePath() + "/lambda/";
        Pattern prewarmed = Pattern.compile(Pattern.quote(marker + "prewarmed/") + "(env-[0-9]+)");
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().arguments()
                        .map(List::of)
                        .orElse(List.of())
                        .stream()
                        .anyMatch(argument -> argument.contains(marker) && (functionName == null
                                || argument.contains("/" + functionName + "-")
                                || runs(prewarmed.matcher(argument), workDir, functionName))))
                .toList();
    }

    private static boolean runs(Matcher prewarmed, Path workDir, String functionName) {
        if (!prewarmed.find()) {
            return false;
        }
        try {
            return Files.readString(workDir.resolve("lambda").resolve("prewarmed").resolve(prewarmed.group(1))
                    .resolve("function")).strip().endsWith(":function:" + functionName);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls until no such process is left; killing and reaping take a moment after the emulator has asked for it.
     *
     * @return false if some are still alive after a generous wait
     */
    public static boolean awaitNone(Path workDir, String functionName) {
        return await(() -> of(workDir, functionName).isEmpty());
    }

    /** Polls until the process has exited (and been reaped), or a generous wait has passed. */
    public static boolean awaitGone(long pid) {
        return await(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static boolean await(BooleanSupplier condition) {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
