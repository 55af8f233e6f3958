package dev.serverlesslab.graders.report;

import dev.serverlesslab.graders.check.LambdaReport;
import java.util.List;
import java.util.Locale;

/**
 * What a grading's invocations would have cost on AWS Lambda, from their REPORT lines (billed duration in 1 ms
 * steps, INIT included as {@link LambdaPricing#billedMs} says; memory size), and what a million invocations like them
 * would cost in a month.
 */
public record CostEstimate(int invocations, long billedMillis, double gbSeconds, double totalUsd,
                           double perMillionUsd, String pricesCheckedOn) {

    /**
     * Adds up the billed duration and memory of each REPORT line: one per request id (its last), and only lines
     * within Lambda's limits, so a report read back from JSON or taken from a log cannot price an invocation twice
     * or at an absurd figure.
     */
    public static CostEstimate fromReportLines(List<String> reportLines) {
        List<LambdaReport> reports = LambdaReport.lastPerRequest(reportLines);
        long billed = reports.stream().mapToLong(LambdaPricing::billedMs).sum();
        double gbSeconds = reports.stream()
                .mapToDouble(r -> r.memorySizeMb() / 1024.0 * LambdaPricing.billedMs(r) / 1000.0)
                .sum();
        int count = reports.size();
        double total = count * LambdaPricing.USD_PER_REQUEST + gbSeconds * LambdaPricing.USD_PER_GB_SECOND;
        double perMillion = count == 0 ? 0 : total / count * 1_000_000;
        return new CostEstimate(count, billed, gbSeconds, total, perMillion, LambdaPricing.CHECKED_ON);
    }

    /** One line for people, e.g. "6 invocations, 0.0254 GB-s: $0.0000016 on AWS Lambda; 1M like them a month: $0.27". */
    public String describe() {
        if (invocations == 0) {
            return "no invocations to price";
        }
        return String.format(Locale.ROOT, "%d invocation%s, %.4f GB-s: $%.7f on AWS Lambda; 1M like them a month: $%.2f"
                        + " (x86 prices checked %s, free tier ignored)",
                invocations, invocations == 1 ? "" : "s", gbSeconds, totalUsd, perMillionUsd, pricesCheckedOn);
    }
}
