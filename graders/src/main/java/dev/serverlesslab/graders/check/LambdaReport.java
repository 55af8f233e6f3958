package dev.serverlesslab.graders.check;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one Lambda {@code REPORT} log line: what an invocation took and would be billed for.
 *
 * @param initDurationMs the cold-start time, or {@code null} when the invocation ran in a warm environment
 * @param line the REPORT line as the function logged it
 */
public record LambdaReport(String requestId, double durationMs, long billedDurationMs, int memorySizeMb,
                           int maxMemoryUsedMb, Double initDurationMs, String line) {

    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S+)\\s+Duration: ([\\d.]+) ms\\s+Billed Duration: (\\d+) ms\\s+"
                    + "Memory Size: (\\d+) MB\\s+Max Memory Used: (\\d+) MB(?:\\s+Init Duration: ([\\d.]+) ms)?");

    /** Finds the last REPORT line in a log and parses it, the way Lambda's own log insights do. */
    public static Optional<LambdaReport> parseLast(String log) {
        if (log == null) {
            return Optional.empty();
        }
        LambdaReport found = null;
        for (String line : log.split("\n")) {
            Matcher m = REPORT.matcher(line);
            if (m.find()) {
                found = new LambdaReport(m.group(1), Double.parseDouble(m.group(2)), Long.parseLong(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? null : Double.valueOf(m.group(6)), line.strip());
            }
        }
        return Optional.ofNullable(found);
    }

    /** True when this invocation paid for starting a new execution environment. */
    public boolean coldStart() {
        return initDurationMs != null;
    }
}
