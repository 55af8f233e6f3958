package dev.serverlesslab.emulator.lambda.runtime;

/**
 * The hard limits of one execution environment, all derived from its function's configuration in one place.
 *
 * @param memoryBytes the function's MemorySize: a ceiling for the whole process tree, not just the heap
 * @param cpuCores the most CPUs the environment may use at once: Lambda gives one vCPU per 1,769 MB
 * @param cpuSeconds CPU time each process may burn before the kernel stops it (RLIMIT_CPU), a backstop should the
 *     emulator's own timeout kill not happen
 * @param processes processes and threads the environment may have at once (Lambda allows 1,024)
 * @param tmpBytes the size of /tmp, the function's EphemeralStorage
 */
record EnvironmentLimits(long memoryBytes, int cpuCores, long cpuSeconds, int processes, long tmpBytes) {

    /** Lambda's ratio: a function with 1,769 MB gets one full vCPU. */
    static final int MB_PER_VCPU = 1769;
    /** Lambda's per-environment limit on processes and threads. */
    static final int PROCESSES = 1024;
    /**
     * Warm environments serve several invocations, so the CPU-time ceiling covers init plus this many invocations
     * that each spin all their CPUs until the timeout; past it the environment dies and the next call starts cold.
     */
    static final int CPU_BUDGET_INVOCATIONS = 10;

    static EnvironmentLimits of(FunctionSpec function) {
        int cores = (function.memoryMb() + MB_PER_VCPU - 1) / MB_PER_VCPU;
        long cpuSeconds = (long) cores * (InvocationRunner.INIT_LIMIT.toSeconds()
                + (long) CPU_BUDGET_INVOCATIONS * function.timeoutSeconds());
        return new EnvironmentLimits(function.memoryMb() * 1024L * 1024L, cores, cpuSeconds, PROCESSES,
                function.ephemeralStorageMb() * 1024L * 1024L);
    }

    /** cgroup v1 {@code cpu.shares}: 1024 is one CPU's worth, so the share is proportional to memory as on Lambda. */
    long cpuShares() {
        return Math.max(2, memoryBytes / (1024L * 1024L) * 1024 / MB_PER_VCPU);
    }

    /** cgroup v2 {@code cpu.weight} (1..10000, 100 the default): again proportional to memory. */
    long cpuWeight() {
        return Math.max(1, Math.min(10_000, memoryBytes / (1024L * 1024L) * 100 / MB_PER_VCPU));
    }
}
