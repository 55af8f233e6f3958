package dev.serverlesslab.emulator.lambda.runtime;

import java.util.List;

/**
 * Kills a process together with everything it started, so a handler that spawned children leaves nothing behind.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    static void kill(ProcessHandle root) {
        // Snapshot first: once the root is dead its children are re-parented and can no longer be found from it.
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }
}
