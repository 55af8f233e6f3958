package dev.serverlesslab.graders.backend;

import java.util.List;

/**
 * The lines Lambda's platform wrote for a function (START, END, REPORT, timeout and exit lines), read on a channel
 * the function's code cannot write to; only a backend in this JVM can offer one.
 */
@FunctionalInterface
public interface PlatformLog {

    /** The function's platform lines, oldest first; empty for a function the backend does not know. */
    List<String> lines(String functionArn);
}
