package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The checks of the cost-report exercise: a month's bill from REPORT lines, with durations, memory sizes, counts
 * and prices made up for every grading and the expected bill computed here with the rules of the statement.
 */
class CostReportChecks {

    private static final String WARM_UP_EVENT = "{\"architecture\":\"warm-up\"}";

    private static final int[] MEMORY = {128, 256, 512, 1024, 1536, 2048, 3008};

    /** One REPORT line and how many invocations of the month it stands for. */
    private record Report(BigDecimal duration, BigDecimal init, int memoryMb, long count) {

        String line() {
            return "REPORT RequestId: " + UUID.randomUUID() + "\tDuration: " + duration.toPlainString()
                    + " ms\tMemory Size: " + memoryMb + " MB\tMax Memory Used: " + Math.max(60, memoryMb / 3)
                    + " MB" + (init == null ? "" : "\tInit Duration: " + init.toPlainString() + " ms");
        }
    }

    /** A price table: x86_64 and arm64, each with requestPerMillion and gbSecond, as decimal strings. */
    private record Prices(String x86Request, String x86GbSecond, String armRequest, String armGbSecond) {

        static Prices random() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String request = "0." + random.nextInt(15, 30);
            long x86 = random.nextLong(150_000, 190_000);
            long arm = x86 * 4 / 5 + random.nextInt(1, 50);
            return new Prices(request, "0.0000" + x86 + "7", request, "0.0000" + arm + "4");
        }

        Map<String, Object> json() {
            return Map.of(
                    "x86_64", Map.of("requestPerMillion", x86Request, "gbSecond", x86GbSecond),
                    "arm64", Map.of("requestPerMillion", armRequest, "gbSecond", armGbSecond));
        }
    }

    @Test
    @Order(1)
    @Points(2)
    @DisplayName("Bills a month of warm invocations on x86_64: requests, billed milliseconds, GB-seconds and costs")
    @Hint("For each line: billed ms = Duration rounded up to a whole ms; GB-seconds = billed ms / 1000 × Memory Size "
            + "/ 1024; multiply both by the line's count. Request cost = requests × requestPerMillion / 1,000,000.")
    void billsWarmInvocations(DeployedFunction function) {
        warmUp(function);
        List<Report> reports = new ArrayList<>();
        for (int i = 0; i < ThreadLocalRandom.current().nextInt(3, 6); i++) {
            reports.add(new Report(randomMs(2, 900), null, randomMemory(), randomCount()));
        }
        expectBill(function, "x86_64", Prices.random(), reports, "a month of warm invocations");
    }

    @Test
    @Order(2)
    @Points(2)
    @DisplayName("Bills the init phase of a cold start like the handler: Init Duration plus Duration, rounded up "
            + "together to the next millisecond")
    @Hint("Since August 2025 AWS bills the init phase of on-demand functions: add Init Duration (only cold-start "
            + "lines have it) to Duration, then round the sum up once.")
    void billsColdStarts(DeployedFunction function) {
        warmUp(function);
        List<Report> reports = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int memory = randomMemory();
        reports.add(new Report(randomMs(5, 300), null, memory, randomCount()));
        // Fractions below one half each, so rounding the sum differs from rounding each part.
        reports.add(new Report(new BigDecimal(random.nextInt(20, 400) + "." + random.nextInt(10, 45)),
                new BigDecimal(random.nextInt(400, 3000) + "." + random.nextInt(10, 45)), memory,
                random.nextLong(100, 50_000)));
        reports.add(new Report(randomMs(5, 300), randomMs(300, 2000), randomMemory(), random.nextLong(100, 50_000)));
        expectBill(function, "x86_64", Prices.random(), reports, "a month with cold starts");
    }

    @Test
    @Order(3)
    @DisplayName("Rounds every invocation up to the next millisecond (0.4 ms is billed as 1 ms, 100.2 ms as 101 ms), "
            + "not to 100 ms")
    void billsInMillisecondSteps(DeployedFunction function) {
        warmUp(function);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Report> reports = List.of(
                new Report(new BigDecimal("0." + random.nextInt(1, 10)), null, 128, random.nextLong(1000, 90_000)),
                new Report(new BigDecimal("100." + random.nextInt(1, 10)), null, 512, random.nextLong(1000, 90_000)),
                new Report(new BigDecimal(random.nextInt(2, 99) + ".05"), null, 1024, random.nextLong(1000, 90_000)));
        expectBill(function, "x86_64", Prices.random(), reports, "invocations of a few milliseconds");
    }

    @Test
    @Order(4)
    @Points(2)
    @DisplayName("Prices an arm64 function with the arm64 prices of the event")
    @Hint("Pick prices.get(architecture): the event's architecture names the price table to use.")
    void usesTheArchitecturesPrices(DeployedFunction function) {
        warmUp(function);
        List<Report> reports = List.of(
                new Report(randomMs(10, 500), null, randomMemory(), randomCount()),
                new Report(randomMs(10, 500), randomMs(200, 900), randomMemory(), randomCount() / 100 + 1));
        expectBill(function, "arm64", Prices.random(), reports, "an arm64 month");
    }

    @Test
    @Order(5)
    @DisplayName("Refuses a line that is not a REPORT line, and an architecture the prices do not list, with an "
            + "IllegalArgumentException")
    void refusesBadInput(DeployedFunction function) {
        warmUp(function);
        Prices prices = Prices.random();
        Map<String, Object> notReport = event("x86_64", prices, List.of(Map.of("line",
                "START RequestId: " + UUID.randomUUID() + " Version: $LATEST", "count", 10)));
        expectIllegalArgument(function.invoke(notReport), "a START line instead of a REPORT line");
        Map<String, Object> unknown = event("mips", prices, List.of(Map.of("line",
                new Report(randomMs(2, 50), null, 128, 1).line(), "count", 1)));
        expectIllegalArgument(function.invoke(unknown), "the architecture mips, which the prices do not list");
    }

    @Test
    @Order(6)
    @Hidden
    @Points(2)
    @DisplayName("A big month adds up exactly: billions of invocations, 1,769 MB and 10,240 MB functions")
    void addsUpABigMonthExactly(DeployedFunction function) {
        warmUp(function);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Report> reports = List.of(
                new Report(randomMs(1, 80), null, 1769, random.nextLong(1_000_000_000L, 3_000_000_000L)),
                new Report(randomMs(100, 9000), randomMs(500, 4000), 10240, random.nextLong(10_000, 900_000)),
                new Report(randomMs(1, 40), null, 1769, random.nextLong(100_000_000L, 900_000_000L)));
        expectBill(function, random.nextBoolean() ? "arm64" : "x86_64", Prices.random(), reports, "a big month");
    }

    private static void expectBill(DeployedFunction function, String architecture, Prices prices,
            List<Report> reports, String what) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Report report : reports) {
            lines.add(Map.of("line", report.line(), "count", report.count()));
        }
        Map<String, Object> event = event(architecture, prices, lines);
        Invocation invocation = function.invoke(event);
        if (!invocation.succeeded()) {
            fail("Expected the bill of " + what + ", but the function failed with " + invocation.failure());
        }
        JsonNode bill = invocation.json();
        BigDecimal perMillion = new BigDecimal("arm64".equals(architecture) ? prices.armRequest()
                : prices.x86Request());
        BigDecimal perGbSecond = new BigDecimal("arm64".equals(architecture) ? prices.armGbSecond()
                : prices.x86GbSecond());
        long requests = 0;
        long billedMs = 0;
        BigDecimal gbSeconds = BigDecimal.ZERO;
        for (Report report : reports) {
            BigDecimal total = report.init() == null ? report.duration() : report.duration().add(report.init());
            long billed = total.setScale(0, RoundingMode.CEILING).longValueExact();
            requests += report.count();
            billedMs += billed * report.count();
            gbSeconds = gbSeconds.add(BigDecimal.valueOf(billed).multiply(BigDecimal.valueOf(report.count()))
                    .multiply(BigDecimal.valueOf(report.memoryMb())).divide(BigDecimal.valueOf(1_024_000)));
        }
        BigDecimal requestCost = BigDecimal.valueOf(requests).multiply(perMillion).divide(BigDecimal.valueOf(1_000_000));
        BigDecimal durationCost = gbSeconds.multiply(perGbSecond);
        String shown = "\nThe event was " + pretty(event) + "\nand the function returned " + invocation.payload();
        expectWhole(bill, "requests", requests, shown);
        expectWhole(bill, "billedMilliseconds", billedMs, shown);
        expectDecimal(bill, "gbSeconds", gbSeconds.setScale(6, RoundingMode.HALF_UP), shown);
        expectDecimal(bill, "requestCost", requestCost.setScale(6, RoundingMode.HALF_UP), shown);
        expectDecimal(bill, "durationCost", durationCost.setScale(6, RoundingMode.HALF_UP), shown);
        expectDecimal(bill, "total", requestCost.add(durationCost).setScale(2, RoundingMode.HALF_UP), shown);
    }

    private static void expectWhole(JsonNode bill, String field, long expected, String shown) {
        JsonNode value = bill.path(field);
        if (!value.canConvertToLong() || value.asLong() != expected) {
            fail("Expected \"" + field + "\": " + expected + ", but it was " + value + "." + shown);
        }
    }

    private static void expectDecimal(JsonNode bill, String field, BigDecimal expected, String shown) {
        JsonNode value = bill.path(field);
        BigDecimal actual;
        try {
            actual = value.isMissingNode() || value.isNull() ? null : new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
            actual = null;
        }
        if (actual == null || actual.compareTo(expected) != 0) {
            fail("Expected \"" + field + "\": \"" + expected.toPlainString() + "\", but it was " + value + "."
                    + shown);
        }
    }

    private static void expectIllegalArgument(Invocation invocation, String what) {
        if (invocation.succeeded() || !"java.lang.IllegalArgumentException".equals(invocation.errorType())) {
            fail("Expected " + what + " to fail with java.lang.IllegalArgumentException, but the function "
                    + (invocation.succeeded() ? "returned " + invocation.payload()
                    : "failed with " + invocation.failure()));
        }
    }

    private static Map<String, Object> event(String architecture, Prices prices, List<Map<String, Object>> lines) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("architecture", architecture);
        event.put("prices", prices.json());
        event.put("reports", lines);
        return event;
    }

    private static String pretty(Map<String, Object> event) {
        StringBuilder out = new StringBuilder("architecture ").append(event.get("architecture"))
                .append(", prices ").append(event.get("prices")).append(", reports:");
        for (Object line : (List<?>) event.get("reports")) {
            out.append("\n  ").append(line);
        }
        return out.toString();
    }

    private static BigDecimal randomMs(int from, int to) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new BigDecimal(random.nextInt(from, to) + "." + String.format("%02d", random.nextInt(1, 100)));
    }

    private static int randomMemory() {
        return MEMORY[ThreadLocalRandom.current().nextInt(MEMORY.length)];
    }

    private static long randomCount() {
        return ThreadLocalRandom.current().nextLong(1_000, 5_000_000);
    }

    private static boolean warm;

    /**
     * The first invocation starts the function's execution environment (a cold start). On a busy grading machine the
     * init phase may overrun Lambda's 10 s limit; one more try then gives a fair start. Runs once per grading.
     */
    private static void warmUp(DeployedFunction function) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            Invocation invocation = function.invoke(WARM_UP_EVENT);
            warm = invocation.succeeded() || !String.valueOf(invocation.errorType()).startsWith("Sandbox");
        }
        warm = true;
    }
}
