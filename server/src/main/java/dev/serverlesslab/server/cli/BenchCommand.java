package dev.serverlesslab.server.cli;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.graders.report.format.ConsoleText;
import dev.serverlesslab.server.submission.GradingWorkers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code lab bench}: grades exercises' solutions several times on one embedded backend and prints what each stage
 * took, the first (cold) run apart from the rest; with {@code --compare}, also the machine's floor measured in the same
 * run ({@link BenchFloor}) and each exercise as ratios to it; with {@code --load N}, grades N at once through the web
 * app ({@link LoadBench}). Speed is reported from here, never asserted in tests.
 */
final class BenchCommand {

    /** A class of 300 at once is the largest the issue asks about; more would only measure the client's threads. */
    static final int MAX_LOAD = 300;

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    BenchCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    static final String HELP = """
            Usage: ./lab bench [--exercise ID[,ID...]] [--runs N] [--compare] [--floor-runs N] [--content DIR]
                   ./lab bench --load N [--exercise ID[,ID...]] [--workers W] [--database jdbc:postgresql://...] [--external-workers K]
                   ./lab bench --pages [--seconds N] [--connections C] [--warmup N] [--content DIR]
                   ./lab bench --startup [--runs N] [--content DIR]

            Grades each exercise's solution N times (default 5) on one embedded backend and prints what each stage
            took: the first (cold) grading apart from the median of the rest.

              --exercise ID[,ID...]  exercises to grade (default hello-lambda; with --compare hello-lambda,
                                     dynamodb-orders,ssm-kms-config)
              --runs N               gradings per exercise, 1 to 100 (default 5)
              --compare              also measure the machine's floor in the same run (javac of one class in the warm
                                     compile worker, a bare JVM with the environments' flags and CDS archive, a JVM
                                     creating one SDK client to its first answer) and print each exercise as ratios
              --floor-runs N         runs per floor figure, 3 to 50 (default 7)
              --load N               grade N submissions at once through the web app instead: p50/p95, gradings/min;
                                     with several exercises, a mixed load: the N learners take them in turn
              --workers W            grading workers in the web app, with --load
              --database URL         queue in PostgreSQL, with --load; --external-workers K adds worker processes
              --pages                measure lesson pages instead: the web app in class mode, one learner signed in,
                                     the first lesson over C keep-alive connections, fresh (200) and revalidated (304),
                                     beside nginx serving the same bytes when nginx is installed; prints requests per
                                     second and the app's ratio to nginx. Runs no learner code
              --seconds N            with --pages: seconds per figure, 1 to 300 (default 10, after a warm-up)
              --connections C        with --pages: connections at once, 1 to 256 (default 8)
              --warmup N             with --pages: the longest warm-up before each server's figures, 3 to 600 s
                                     (default 60); it ends sooner, after fresh pages and 304s in turn, once the
                                     JIT compiles for under 2% of a round (nginx settles at once)
              --startup              measure a start instead, as a person waits for it: './lab serve' started as a
                                     command N times (default 5), the time to its first 200 on GET / and, with the
                                     hello-lambda solution submitted at once, to that first grading's verdict
              --content DIR          the course folder (default ./content)
              --allow-unconfined     run solutions without the sandbox (where bubblewrap does not work)

            Figures are wall-clock times on this machine under whatever else it is running: compare ratios taken in
            one run, not absolute numbers taken on different days.
            """;

    /** The exercises {@code --compare} grades when none are named: one without the SDK, two with. */
    static final List<String> COMPARE_EXERCISES = List.of("hello-lambda", "dynamodb-orders", "ssm-kms-config");

    int run(List<String> rawArgs) {
        BenchArguments args = new BenchArguments(rawArgs);
        if (args.flag("help")) {
            out.print(HELP);
            return 0;
        }
        Path content = args.option("content").map(Path::of).orElse(home.resolve("content")).toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(content)) {
            throw new UsageException("--content folder does not exist: " + content);
        }
        if (args.flag("pages")) {
            return runPages(args, content);
        }
        if (args.flag("startup")) {
            for (String other : List.of("exercise", "compare", "floor-runs", "load", "workers", "database",
                    "external-workers", "seconds", "connections", "warmup")) {
                if (args.option(other).isPresent()) {
                    throw new UsageException("--startup measures './lab serve' starting and grading hello-lambda "
                            + "once, so --" + other + " does not apply: 'lab bench --startup [--runs N]'");
                }
            }
            int runs = args.number("runs", 5, 1, 100);
            confinement.get().require("bench", args.flag(Confinement.ALLOW_FLAG), out);
            return new StartBench(home, out).run(content, runs, args.flag(Confinement.ALLOW_FLAG));
        }
        for (String pagesOnly : List.of("seconds", "connections", "warmup")) {
            if (args.option(pagesOnly).isPresent()) {
                throw new UsageException("--" + pagesOnly + " only applies with --pages: 'lab bench --pages --"
                        + pagesOnly + " N'");
            }
        }
        boolean compare = args.flag("compare");
        ExerciseCatalog catalog = ExerciseCatalog.load(content);
        List<Exercise> exercises = new ArrayList<>();
        for (String id : args.list("exercise", compare ? COMPARE_EXERCISES : List.of("hello-lambda"))) {
            exercises.add(catalog.find(id).orElseThrow(() -> new UsageException("unknown exercise '" + id + "'")));
        }
        if (args.option("load").isPresent()) {
            if (compare) {
                throw new UsageException("--load takes no --compare: 'lab bench --load N --exercise ID[,ID...]'");
            }
            int load = args.number("load", 1, 1, MAX_LOAD);
            int workers = args.number("workers", GradingWorkers.defaultCount(), 1, GradingWorkers.MAX);
            int external = args.number("external-workers", 0, 0, 16);
            String database = args.option("database").orElse(null);
            if (database != null && !database.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:postgresql:")) {
                throw new UsageException("--database must be a PostgreSQL URL (jdbc:postgresql://HOST/DB?user=U); "
                        + "leave it out to queue in an embedded database in a temporary folder");
            }
            if (external > 0 && database == null) {
                throw new UsageException("--external-workers needs --database jdbc:postgresql://...: worker processes "
                        + "can only share a PostgreSQL queue with the web app");
            }
            Confinement confined = confinement.get();
            confined.require("bench", args.flag(Confinement.ALLOW_FLAG), out);
            return new LoadBench(out, confined).run(new LoadBench.Setup(content, exercises, load, workers, database,
                    external, args.flag(Confinement.ALLOW_FLAG)));
        }
        for (String loadOnly : List.of("workers", "database", "external-workers")) {
            if (args.option(loadOnly).isPresent()) {
                throw new UsageException("--" + loadOnly + " only applies with --load: 'lab bench --load N --"
                        + loadOnly + " ...'");
            }
        }
        if (args.option("floor-runs").isPresent() && !compare) {
            throw new UsageException("--floor-runs only applies with --compare: 'lab bench --compare --floor-runs N'");
        }
        int runs = args.number("runs", 5, 1, 100);
        int floorRuns = args.number("floor-runs", 7, 3, 50);
        Confinement confined = confinement.get();
        confined.require("bench", args.flag(Confinement.ALLOW_FLAG), out);

        out.printf("Benchmark: grading the solution of %s %d times each on the embedded backend (%s, %d cores, "
                        + "load average %.1f at start)%n",
                exercises.stream().map(Exercise::id).collect(Collectors.joining(", ")), runs,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Map<Exercise, List<GradingReport>> results = new LinkedHashMap<>();
        BenchFloor.Result floor = null;
        long startBackend = System.nanoTime();
        try (Backend backend = confined.embeddedBackend()) {
            out.printf("  emulator start: %d ms%n", (System.nanoTime() - startBackend) / 1_000_000);
            // As `lab serve` does: DynamoDB Local starts with the emulator when an exercise here needs it.
            backend.prepareFor(exercises);
            Grader grader = new Grader(backend);
            for (Exercise exercise : exercises) {
                Submission solution = Submission.fromDirectory(exercise.solutionDir());
                List<GradingReport> reports = new ArrayList<>();
                out.println();
                out.println(exercise.id() + ":");
                for (int i = 1; i <= runs; i++) {
                    GradingReport report = grader.grade(exercise, solution, GradingListener.NONE);
                    if (report.status() != Status.PASSED) {
                        out.println("  run " + i + " did not pass: " + ConsoleText.line(report.summary()));
                        report.checks().stream().filter(check -> check.status() != Status.PASSED).limit(3)
                                .forEach(check -> out.println("    " + ConsoleText.line(check.name()) + ": "
                                        + ConsoleText.line(String.valueOf(check.message()))));
                        return 1;
                    }
                    reports.add(report);
                    out.printf("  run %d: %d ms total (%s; %s)%n", i, report.millis(), stagesOf(report),
                            insideChecks(report));
                }
                printSummary(reports);
                results.put(exercise, reports);
            }
            if (compare) {
                out.println();
                out.printf("Measuring the machine's floor (%d runs each, round-robin)...%n", floorRuns);
                floor = measureFloor(backend, floorRuns);
            }
        }
        if (floor != null) {
            printComparison(results, floor);
        }
        return 0;
    }

    /** {@code --pages}: checked apart from the grading options, none of which it takes. */
    private int runPages(BenchArguments args, Path content) {
        for (String gradingOnly : List.of("exercise", "runs", "compare", "floor-runs", "load", "workers", "database",
                "external-workers")) {
            if (args.option(gradingOnly).isPresent()) {
                throw new UsageException("--pages measures lesson pages and grades nothing, so --" + gradingOnly
                        + " does not apply: 'lab bench --pages [--seconds N] [--connections C] [--warmup N]'");
            }
        }
        int seconds = args.number("seconds", 10, 1, 300);
        int connections = args.number("connections", 8, 1, 256);
        int warmup = args.number("warmup", 60, 3, 600);
        return new PageBench(out).run(new PageBench.Setup(content, seconds, connections, warmup));
    }

    private BenchFloor.Result measureFloor(Backend backend, int floorRuns) {
        Path workDir = null;
        try {
            workDir = Files.createTempDirectory("lab-bench-floor");
            return new BenchFloor(floorRuns).measure(backend, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the floor: " + e.getMessage(), e);
        } finally {
            deleteQuietly(workDir);
        }
    }

    private void printComparison(Map<Exercise, List<GradingReport>> results, BenchFloor.Result floor) {
        out.println();
        out.printf("  %-44s %8s   %s%n", "floor", "median", "runs (ms)");
        for (BenchFloor.Figure figure : floor.figures()) {
            out.printf("  %-44s %5d ms   %s%n", figure.name(), figure.medianMillis(), figure.runs());
        }
        out.println();
        out.println("  A grading's floor: javac of one class + one JVM to its first answer (the SDK client's JVM for an "
                + "exercise with sdk:).");
        out.printf("  %-20s %14s %12s %8s %12s %12s%n", "exercise", "first grading", "warm median", "floor",
                "first/floor", "warm/floor");
        for (Map.Entry<Exercise, List<GradingReport>> entry : results.entrySet()) {
            List<GradingReport> reports = entry.getValue();
            long first = reports.get(0).millis();
            long warm = reports.size() > 1 ? medianTotal(reports.subList(1, reports.size())) : first;
            long base = Math.max(1, floor.gradingFloor(!entry.getKey().sdk().isEmpty()));
            out.printf(Locale.ROOT, "  %-20s %11d ms %9d ms %5d ms %11.1fx %11.1fx%n", entry.getKey().id(), first,
                    warm, base, (double) first / base, (double) warm / base);
        }
    }

    /** A fresh temporary folder for a bench's data, named by {@code prefix}. */
    static Path createTemp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits {@code pause} between two polls; an interrupt ends the bench. */
    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary folder left behind is harmless.
        }
    }

    private void printSummary(List<GradingReport> reports) {
        out.println();
        out.printf("  %-11s %10s %14s%n", "stage", "first run", "median of rest");
        for (Stage stage : Stage.values()) {
            out.printf("  %-11s %7d ms %11s ms%n", stage.label(), millis(reports.get(0), stage),
                    reports.size() > 1 ? String.valueOf(median(reports.subList(1, reports.size()), stage)) : "-");
        }
        long first = reports.get(0).millis();
        long rest = reports.size() > 1 ? medianTotal(reports.subList(1, reports.size())) : first;
        out.printf("  %-11s %7d ms %11d ms   (warm/cold ratio %.2f)%n", "total", first, rest, (double) rest / first);
    }

    private static String stagesOf(GradingReport report) {
        StringBuilder line = new StringBuilder();
        for (StageResult stage : report.stages()) {
            line.append(line.isEmpty() ? "" : ", ").append(stage.stage().label()).append(' ').append(stage.millis());
        }
        return line.toString();
    }

    /**
     * Where the check stage's time went: the checks' own time (the rest is the launcher's), the Init Duration of each
     * cold start and the Duration of each invocation, so a lever on environments, on the handler's calls or on the
     * check runner can be told apart.
     */
    static String insideChecks(GradingReport report) {
        long inChecks = report.checks().stream().mapToLong(CheckResult::millis).sum();
        List<String> inits = reported(report, INIT_DURATION);
        List<String> invocations = reported(report, DURATION);
        return "checks themselves " + inChecks + " ms, init " + (inits.isEmpty() ? "none" : String.join("+", inits)
                + " ms") + (invocations.isEmpty() ? "" : ", invocations " + String.join("+", invocations) + " ms");
    }

    /** The rounded milliseconds {@code pattern} finds in each REPORT line that has them, in order. */
    private static List<String> reported(GradingReport report, Pattern pattern) {
        return report.reportLines().stream()
                .map(pattern::matcher)
                .filter(Matcher::find)
                .map(m -> Math.round(Double.parseDouble(m.group(1))) + "")
                .toList();
    }

    private static final Pattern INIT_DURATION = Pattern.compile("Init Duration: ([0-9.]+) ms");
    /** A REPORT line's own Duration (tab- or line-start-led, so never its Billed or Init Duration). */
    private static final Pattern DURATION = Pattern.compile("(?:^|\\t)Duration: ([0-9.]+) ms");

    private static long millis(GradingReport report, Stage stage) {
        Map<Stage, Long> byStage = new EnumMap<>(Stage.class);
        report.stages().forEach(s -> byStage.put(s.stage(), s.millis()));
        return byStage.getOrDefault(stage, 0L);
    }

    private static long median(List<GradingReport> reports, Stage stage) {
        return medianOf(reports.stream().map(r -> millis(r, stage)).sorted().toList());
    }

    private static long medianTotal(List<GradingReport> reports) {
        return medianOf(reports.stream().map(GradingReport::millis).sorted().toList());
    }

    private static long medianOf(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
