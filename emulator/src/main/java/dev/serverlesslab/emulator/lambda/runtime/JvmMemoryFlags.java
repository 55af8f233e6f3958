package dev.serverlesslab.emulator.lambda.runtime;

import java.util.List;

/**
 * Memory bounds for an environment where no cgroup can be made: an address-space rlimit for the JVM plus flags that
 * shrink the JVM's own reservations, so that together they hold native memory close to the function's MemorySize.
 *
 * <p>RLIMIT_AS counts reserved, not used, memory, and a JVM reserves far more than it touches (heap, class space,
 * code cache, thread stacks): measured here, a JVM with a 217 MB heap needs about 600 MB of address space to start.
 * The overhead below leaves that room and little more.
 */
final class JvmMemoryFlags {

    /** Address space allowed beyond the function's memory for the JVM's own reservations. */
    static final long OVERHEAD_BYTES = 768L * 1024 * 1024;

    private JvmMemoryFlags() {
    }

    static long addressSpaceBytes(long memoryBytes) {
        return memoryBytes + OVERHEAD_BYTES;
    }

    /** Smaller reservations than the JVM's defaults, and direct buffers bounded by a quarter of the memory. */
    static List<String> flags(int memoryMb) {
        return List.of("-XX:MaxDirectMemorySize=" + Math.max(16, memoryMb / 4) + "m",
                "-XX:CompressedClassSpaceSize=64m", "-XX:ReservedCodeCacheSize=48m");
    }
}
