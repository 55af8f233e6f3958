package billing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A month's Lambda bill from REPORT lines: requests plus GB-seconds, each invocation billed in 1 ms steps, the init
 * phase of a cold start billed like the handler, at the prices of the function's architecture given in the event.
 */
public class CostReport implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    // "Duration:" preceded by a tab or space, so that "Init Duration:" is not taken for it.
    private static final Pattern DURATION = Pattern.compile("(?:^|\\s)Duration: ([0-9]+(?:\\.[0-9]+)?) ms");
    private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9]+(?:\\.[0-9]+)?) ms");
    private static final Pattern MEMORY = Pattern.compile("Memory Size: ([0-9]+) MB");
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MS_PER_S = BigDecimal.valueOf(1000);
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event == null) {
            throw new IllegalArgumentException("the event is empty");
        }
        Object architecture = event.get("architecture");
        Object prices = event.get("prices");
        if (!(prices instanceof Map) || !(((Map<String, Object>) prices).get(architecture) instanceof Map)) {
            throw new IllegalArgumentException("prices has no entry for the architecture '" + architecture + "'");
        }
        Map<String, Object> price = (Map<String, Object>) ((Map<String, Object>) prices).get(architecture);
        BigDecimal perMillion = decimal(price.get("requestPerMillion"), "requestPerMillion");
        BigDecimal perGbSecond = decimal(price.get("gbSecond"), "gbSecond");
        if (!(event.get("reports") instanceof List)) {
            throw new IllegalArgumentException("reports must be a list of {\"line\": ..., \"count\": ...}");
        }

        long requests = 0;
        long billedMs = 0;
        BigDecimal gbSeconds = BigDecimal.ZERO;
        for (Object entry : (List<Object>) event.get("reports")) {
            if (!(entry instanceof Map)) {
                throw new IllegalArgumentException("each report must be {\"line\": ..., \"count\": ...}");
            }
            String line = String.valueOf(((Map<String, Object>) entry).get("line"));
            long count = decimal(((Map<String, Object>) entry).get("count"), "count").longValueExact();
            if (!line.startsWith("REPORT ")) {
                throw new IllegalArgumentException("not a REPORT line: " + line);
            }
            BigDecimal duration = number(DURATION, line, "Duration");
            BigDecimal init = INIT.matcher(line).find() ? number(INIT, line, "Init Duration") : BigDecimal.ZERO;
            long memoryMb = number(MEMORY, line, "Memory Size").longValueExact();
            // Since August 2025 the init phase is billed like the handler: both together, rounded up to 1 ms.
            // Billed in steps of 100 ms.
            long billed = duration.add(init).divide(BigDecimal.valueOf(100)).setScale(0, RoundingMode.CEILING)
                    .longValueExact() * 100;
            requests += count;
            billedMs += billed * count;
            gbSeconds = gbSeconds.add(BigDecimal.valueOf(billed * count)
                    .multiply(BigDecimal.valueOf(memoryMb))
                    .divide(MS_PER_S.multiply(MB_PER_GB)));
        }
        BigDecimal requestCost = BigDecimal.valueOf(requests).multiply(perMillion).divide(MILLION);
        BigDecimal durationCost = gbSeconds.multiply(perGbSecond);

        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("requests", requests);
        bill.put("billedMilliseconds", billedMs);
        bill.put("gbSeconds", gbSeconds.setScale(6, RoundingMode.HALF_UP).toPlainString());
        bill.put("requestCost", requestCost.setScale(6, RoundingMode.HALF_UP).toPlainString());
        bill.put("durationCost", durationCost.setScale(6, RoundingMode.HALF_UP).toPlainString());
        bill.put("total", requestCost.add(durationCost).setScale(2, RoundingMode.HALF_UP).toPlainString());
        context.getLogger().log("Billed " + requests + " requests on " + architecture);
        return bill;
    }

    private static BigDecimal number(Pattern pattern, String line, String field) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + field + " in the REPORT line: " + line);
        }
        return new BigDecimal(matcher.group(1));
    }

    private static BigDecimal decimal(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a number, not '" + value + "'");
        }
    }
}
