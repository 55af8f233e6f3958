package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.jdks.Jdk;
import java.util.Locale;

/**
 * The START, END and REPORT lines Lambda writes around every invocation, in Lambda's exact format.
 */
final class ReportLine {

    private ReportLine() {
    }

    /**
     * Lambda's first line of every environment, {@code INIT_START Runtime Version: java:21.vN\tRuntime Version ARN:
     * ...}; here the version names the JDK that really runs the runtime.
     */
    static String initStart(String runtime, String region, Jdk jdk) {
        return "INIT_START Runtime Version: " + runtime.replaceFirst("^java", "java:") + ".jdk-" + jdk.version()
                + "\tRuntime Version ARN: " + JavaRuntimes.runtimeVersionArn(region, jdk);
    }

    static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    /**
     * Since 1 August 2025 Lambda bills the INIT phase of on-demand functions on managed runtimes too (AWS Compute
     * Blog, "AWS Lambda standardizes billing for INIT Phase"): a cold start's Billed Duration is its Init Duration
     * plus its Duration, rounded up to the millisecond, as custom runtimes and container images always were.
     *
     * @param initDurationMs null unless this invocation was the environment's first (a cold start)
     */
    static String report(String requestId, double durationMs, int memoryMb, long maxMemoryUsedMb,
            Double initDurationMs) {
        String report = String.format(Locale.ROOT,
                "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB"
                        + "\tMax Memory Used: %d MB",
                requestId, durationMs, billedMs(durationMs + (initDurationMs == null ? 0 : initDurationMs)), memoryMb,
                maxMemoryUsedMb);
        return initDurationMs == null
                ? report
                : report + String.format(Locale.ROOT, "\tInit Duration: %.2f ms", initDurationMs);
    }

    /** Lambda bills each started millisecond, at least one. */
    static long billedMs(double durationMs) {
        return Math.max(1L, (long) Math.ceil(durationMs));
    }
}
