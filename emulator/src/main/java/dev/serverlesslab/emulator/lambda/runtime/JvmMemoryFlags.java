package dev.serverlesslab.emulator.lambda.runtime;

import java.util.List;

/**
 * Memory bounds for an environment where no cgroup can be made: an address-space rlimit for the JVM plus flags that
 * shrink the JVM's own reservations, so that together they hold native memory close to the function's MemorySize.
 *
 * <p>RLIMIT_AS counts reserved, not used, memory, and a JVM reserves far more than it touches (heap, class space,
 * code cache, thread stacks, and 64 MB per glibc malloc arena, of which there can be eight per CPU). With the flags
 * below and two malloc arenas, measured here, a 128 MB function's JVM reserves about 470 MB and a 256 MB one's about
 * 580 MB, so the overhead leaves some 170-190 MB for native memory and threads beyond the heap.
 */
final class JvmMemoryFlags {

    /** Address space allowed beyond the function's memory for the JVM's own reservations. */
    static final long OVERHEAD_BYTES = 512L * 1024 * 1024;
    /** Two malloc arenas instead of eight per CPU, each of which reserves 64 MB of address space. */
    static final String MALLOC_ARENAS = "2";

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
