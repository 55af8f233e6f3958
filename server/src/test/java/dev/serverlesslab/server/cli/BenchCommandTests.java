package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchCommandTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Arguments are checked before anything runs learner code, so these tests never need the sandbox. */
    private BenchCommand bench() {
        return new BenchCommand(HOME, new PrintStream(out, true, StandardCharsets.UTF_8), () -> {
            throw new AssertionError("nothing may be graded for this command line");
        });
    }

    private BenchCommand benchAllowed() {
        return new BenchCommand(HOME, new PrintStream(out, true, StandardCharsets.UTF_8), Confinement::detect);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRunsLine_saysEachColdStartsInit_andEachInvocationsDuration_butNoBilledOrInitDurationAsAnInvocation() {
        GradingReport report = new GradingReport("dynamodb-orders", Status.PASSED, "2 of 2 checks passed", List.of(),
                List.of(new CheckResult("creates", Status.PASSED, null, 300, 1, 1, null, false, List.of(), List.of()),
                        new CheckResult("reads", Status.PASSED, null, 40, 1, 1, null, false, List.of(), List.of())),
                List.of(), "", List.of(
                        "REPORT RequestId: a\tDuration: 181.42 ms\tBilled Duration: 400 ms\tMemory Size: 512 MB"
                                + "\tMax Memory Used: 87 MB\tInit Duration: 212.60 ms",
                        "REPORT RequestId: b\tDuration: 17.50 ms\tBilled Duration: 18 ms\tMemory Size: 512 MB"
                                + "\tMax Memory Used: 88 MB"), 400);

        assertEquals("checks themselves 340 ms, init 213 ms, invocations 181+18 ms", BenchCommand.insideChecks(report));
    }

    @Test
    void help_printsEveryOption_andGradesNothing() {
        assertEquals(0, bench().run(List.of("--help")));
        for (String option : List.of("--exercise", "--runs", "--compare", "--floor-runs", "--load", "--workers",
                "--pages", "--seconds", "--connections", "--warmup", "--startup")) {
            assertTrue(out().contains(option), option + " is explained:\n" + out());
        }
        assertEquals(0, bench().run(List.of("-h")));
    }

    @Test
    void unknownOption_namesTheAllowedOnes() {
        UsageException e = assertThrows(UsageException.class, () -> bench().run(List.of("--fast")));
        assertTrue(e.getMessage().contains("unknown option --fast") && e.getMessage().contains("--compare"),
                e.getMessage());
    }

    @Test
    void floorRunsWithoutCompare_saysHowToUseIt() {
        UsageException e = assertThrows(UsageException.class, () -> bench().run(List.of("--floor-runs", "5")));
        assertTrue(e.getMessage().contains("--floor-runs only applies with --compare"), e.getMessage());
    }

    @Test
    void loadWithCompare_isRefused() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--load", "3", "--compare")));
        assertTrue(e.getMessage().contains("--load takes no --compare"), e.getMessage());
    }

    @Test
    void unknownExerciseInTheList_isNamed() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--exercise", "hello-lambda,nope")));
        assertEquals("unknown exercise 'nope'", e.getMessage());
    }

    @Test
    void compare_printsTheFloor_andTheExerciseAsRatiosToIt() {
        int code = benchAllowed().run(List.of("--compare", "--exercise", "hello-lambda", "--runs", "1",
                "--floor-runs", "3", "--allow-unconfined"));

        assertEquals(0, code, out());
        for (String figure : List.of(BenchFloor.JAVAC, BenchFloor.BARE_JVM, BenchFloor.SDK_JVM)) {
            assertTrue(Pattern.compile(Pattern.quote(figure) + " +\\d+ ms").matcher(out()).find(),
                    figure + " measured:\n" + out());
        }
        assertTrue(Pattern.compile("hello-lambda +\\d+ ms +\\d+ ms +\\d+ ms +[\\d.]+x +[\\d.]+x").matcher(out()).find(),
                out());
    }

    @Test
    void pagesWithAGradingOption_saysItGradesNothing() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--pages", "--exercise", "hello-lambda")));
        assertTrue(e.getMessage().contains("--pages measures lesson pages and grades nothing, so --exercise does not "
                + "apply"), e.getMessage());
    }

    @Test
    void startupWithAnOptionOfAnotherMode_saysWhatItMeasures() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--startup", "--exercise", "dynamodb-orders")));
        assertTrue(e.getMessage().contains("--startup measures './lab serve' starting and grading hello-lambda once, "
                + "so --exercise does not apply"), e.getMessage());
    }

    @Test
    void secondsWithoutPages_saysHowToUseIt() {
        UsageException e = assertThrows(UsageException.class, () -> bench().run(List.of("--seconds", "5")));
        assertTrue(e.getMessage().contains("--seconds only applies with --pages"), e.getMessage());
    }

    @Test
    void warmupWithoutPages_saysHowToUseIt_andItsRange() {
        UsageException e = assertThrows(UsageException.class, () -> bench().run(List.of("--warmup", "30")));
        assertTrue(e.getMessage().contains("--warmup only applies with --pages"), e.getMessage());
        e = assertThrows(UsageException.class, () -> bench().run(List.of("--startup", "--warmup", "30")));
        assertTrue(e.getMessage().contains("so --warmup does not apply"), e.getMessage());
        e = assertThrows(UsageException.class, () -> bench().run(List.of("--pages", "--warmup", "1")));
        assertEquals("--warmup must be a number from 3 to 600, got '1'", e.getMessage());
    }

    @Test
    void pagesWarmUp_endsWhenTheJitCompiledForAtMostTwoPercentOfTheRound() {
        assertTrue(PageBench.settled(0, 2000));
        assertTrue(PageBench.settled(40, 2000));
        assertFalse(PageBench.settled(41, 2000), "a JIT busy 2.05% of the round has not settled");
        assertFalse(PageBench.settled(900, 2000));
        assertFalse(PageBench.settled(-1, 2000), "a JVM that reports no JIT time never counts as settled");
    }

    @Test
    void pagesConnectionsOutOfRange_namesTheRange() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--pages", "--connections", "0")));
        assertEquals("--connections must be a number from 1 to 256, got '0'", e.getMessage());
        e = assertThrows(UsageException.class, () -> bench().run(List.of("--pages", "--seconds=soon")));
        assertEquals("--seconds must be a number from 1 to 300, got 'soon'", e.getMessage());
    }

    @Test
    void pagesReport_givesEachServersRates_andTheAppsShareOfNginx() {
        PageBench.Figures app = new PageBench.Figures("web app", new PageLoad.Result(3000, 0, 0, 10.0),
                new PageLoad.Result(6000, 0, 0, 10.0));
        PageBench.Figures nginx = new PageBench.Figures("nginx", new PageLoad.Result(12000, 0, 0, 10.0),
                new PageLoad.Result(15000, 2, 0, 10.0));

        String report = String.join("\n", PageBench.report(app, nginx));

        assertTrue(Pattern.compile("web app +300 +600").matcher(report).find(), report);
        assertTrue(Pattern.compile("nginx +1200 +1500").matcher(report).find(), report);
        assertTrue(Pattern.compile("web app / nginx +0\\.25x +0\\.40x").matcher(report).find(), report);
        assertTrue(report.contains("lesson page at 0.25x nginx's rate: below the 0.5x the issue asks for"), report);
        assertTrue(report.contains("nginx: 2 answer(s) with another status, not counted"), report);
    }

    @Test
    void pagesReport_takesTheClientsCpuOutOfTheAppsShare() {
        // 300 µs of this JVM per page with the app, 100 µs with nginx (the client alone): the app's own is 200 µs.
        PageBench.Figures app = new PageBench.Figures("web app", new PageLoad.Result(3000, 0, 0, 10.0),
                new PageLoad.Result(6000, 0, 0, 10.0), new PageBench.Cpu(3000 * 300_000L, -1),
                new PageBench.Cpu(6000 * 150_000L, -1));
        PageBench.Figures nginx = new PageBench.Figures("nginx", new PageLoad.Result(12000, 0, 0, 10.0),
                new PageLoad.Result(15000, 0, 0, 10.0), new PageBench.Cpu(12000 * 100_000L, 12000 * 20_000L),
                new PageBench.Cpu(15000 * 80_000L, 15000 * 7_000L));

        String report = String.join("\n", PageBench.report(app, nginx));

        assertTrue(Pattern.compile("client \\(this JVM, nginx run\\) +100\\.0 +80\\.0").matcher(report).find(),
                report);
        assertTrue(Pattern.compile("nginx's processes +20\\.0 +7\\.0").matcher(report).find(), report);
        assertTrue(Pattern.compile("web app alone \\(difference\\) +200\\.0 +70\\.0").matcher(report).find(),
                report);
        assertTrue(Pattern.compile("per server CPU-second +0\\.10x +0\\.10x").matcher(report).find(), report);
    }

    @Test
    void pagesReport_withoutNginx_givesTheAppAlone() {
        PageBench.Figures app = new PageBench.Figures("web app", new PageLoad.Result(3000, 0, 0, 10.0),
                new PageLoad.Result(6000, 0, 0, 10.0));

        String report = String.join("\n", PageBench.report(app, null));

        assertTrue(Pattern.compile("web app +300 +600").matcher(report).find(), report);
        assertTrue(!report.contains("nginx"), report);
    }

    @Test
    void pageLoad_readsChunkedAndLengthBodies_andKeepAlive() throws Exception {
        String raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nETag: \"x\"\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
                + "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n";
        java.io.InputStream in = new java.io.ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1));

        PageLoad.Response first = PageLoad.read(in, true);
        PageLoad.Response second = PageLoad.read(in, false);

        assertEquals("hello", new String(first.body(), StandardCharsets.UTF_8));
        assertEquals("\"x\"", first.header("etag"));
        assertTrue(first.keepAlive());
        assertEquals(304, second.status());
        assertTrue(!second.keepAlive());
    }
}
