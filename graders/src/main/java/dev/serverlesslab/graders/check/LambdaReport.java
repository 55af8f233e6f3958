package dev.serverlesslab.graders.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one Lambda {@code REPORT} log line: what an invocation took and would be billed for.
 *
 * <p>Parsing is total: a REPORT line comes from a log a handler can write to, so a line that is too long, has numbers
 * too big for Lambda's limits or is malformed in any way is simply not a REPORT line, never an exception.
 *
 * @param initDurationMs the cold-start time, or {@code null} when the invocation ran in a warm environment
 * @param line the REPORT line as the function logged it
 */
public record LambdaReport(String requestId, double durationMs, long billedDurationMs, int memorySizeMb,
                           int maxMemoryUsedMb, Double initDurationMs, String line) {

    /** Lambda's REPORT lines are about 150 characters; anything far longer is not one. */
    static final int MAX_LINE_LENGTH = 512;
    /** Lambda's longest timeout is 15 minutes and init is limited to 10 s; an hour leaves room and no overflow. */
    static final double MAX_DURATION_MS = 3_600_000;
    /** Lambda's largest memory size, 10,240 MB. */
    static final int MAX_MEMORY_MB = 10_240;

    // Bounded digit counts keep every number parseable; the values are range-checked after parsing.
    private static final String DECIMAL = "(\\d{1,9}(?:\\.\\d{1,6})?)";
    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S{1,128})\\s+Duration: " + DECIMAL + " ms\\s+Billed Duration: (\\d{1,9}) ms\\s+"
                    + "Memory Size: (\\d{1,9}) MB\\s+Max Memory Used: (\\d{1,9}) MB"
                    + "(?:\\s+Init Duration: " + DECIMAL + " ms)?");

    /** Parses one line; empty when it is not a well-formed REPORT line within Lambda's limits. */
    public static Optional<LambdaReport> parse(String line) {
        if (line == null || line.length() > MAX_LINE_LENGTH) {
            return Optional.empty();
        }
        String stripped = line.strip();
        Matcher m = REPORT.matcher(stripped);
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        double duration = Double.parseDouble(m.group(2));
        long billed = Long.parseLong(m.group(3));
        long memory = Long.parseLong(m.group(4));
        long used = Long.parseLong(m.group(5));
        Double init = m.group(6) == null ? null : Double.valueOf(m.group(6));
        boolean plausible = duration <= MAX_DURATION_MS && billed <= MAX_DURATION_MS && memory >= 1
                && memory <= MAX_MEMORY_MB && used <= 4L * MAX_MEMORY_MB && (init == null || init <= MAX_DURATION_MS);
        if (!plausible) {
            return Optional.empty();
        }
        return Optional.of(new LambdaReport(m.group(1), duration, billed, (int) memory, (int) used, init, stripped));
    }

    /** Finds the last REPORT line in a log and parses it, the way Lambda's own log insights do. */
    public static Optional<LambdaReport> parseLast(String log) {
        if (log == null) {
            return Optional.empty();
        }
        LambdaReport found = null;
        for (String line : log.split("\n")) {
            LambdaReport report = parse(line).orElse(null);
            if (report != null) {
                found = report;
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * The well-formed REPORT lines among {@code lines}, one per request id: the LAST line of each id, since the
     * platform writes its REPORT after everything the handler printed during that invocation. Order of first sight.
     */
    public static List<LambdaReport> lastPerRequest(List<String> lines) {
        Map<String, LambdaReport> byRequest = new LinkedHashMap<>();
        for (String line : lines == null ? List.<String>of() : lines) {
            parse(line).ifPresent(report -> byRequest.put(report.requestId(), report));
        }
        return new ArrayList<>(byRequest.values());
    }

    /** True when this invocation paid for starting a new execution environment. */
    public boolean coldStart() {
        return initDurationMs != null;
    }
}
