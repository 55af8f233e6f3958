package dev.serverlesslab.emulator.lambda.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's peak resident memory ({@code VmHWM} in {@code /proc/<pid>/status}) for the REPORT line's
 * "Max Memory Used"; Linux only, empty elsewhere.
 */
final class MemoryProbe {

    private MemoryProbe() {
    }

    static OptionalLong peakMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return OptionalLong.of((Long.parseLong(kilobytes) + 1023) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc (not Linux) or the process is already gone.
        }
        return OptionalLong.empty();
    }
}
