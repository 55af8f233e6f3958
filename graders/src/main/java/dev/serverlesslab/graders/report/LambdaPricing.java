package dev.serverlesslab.graders.report;

import dev.serverlesslab.graders.check.LambdaReport;

/**
 * AWS Lambda's on-demand prices that cost estimates use, kept in this one place with the date they were checked.
 * x86 functions, US East (N. Virginia), free tier ignored.
 */
public final class LambdaPricing {

    /** When these prices were last compared with the AWS Lambda pricing page. */
    public static final String CHECKED_ON = "2026-11-22";

    /** US dollars per request: $0.20 per million. */
    public static final double USD_PER_REQUEST = 0.20 / 1_000_000;

    /** US dollars per GB-second of billed duration (memory in GB times billed seconds). */
    public static final double USD_PER_GB_SECOND = 0.0000166667;

    /** The day AWS started billing the INIT phase of on-demand functions on managed runtimes (Zip packages). */
    public static final String INIT_BILLED_SINCE = "2025-08-01";

    private LambdaPricing() {
    }

    /**
     * The milliseconds an invocation is billed for under the rule in force since {@link #INIT_BILLED_SINCE}: a cold
     * start pays for its Init Duration plus its Duration, rounded up to the millisecond (AWS Compute Blog, "AWS Lambda
     * standardizes billing for INIT Phase"). A REPORT line written under the old rule (Billed Duration without INIT,
     * as older emulators and LocalStack write it) is priced by the current rule all the same.
     */
    public static long billedMs(LambdaReport report) {
        if (report.initDurationMs() == null) {
            return report.billedDurationMs();
        }
        long withInit = Math.max(1L, (long) Math.ceil(report.durationMs() + report.initDurationMs()));
        return Math.max(report.billedDurationMs(), withInit);
    }
}
