package dev.serverlesslab.graders.report;

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

    private LambdaPricing() {
    }
}
