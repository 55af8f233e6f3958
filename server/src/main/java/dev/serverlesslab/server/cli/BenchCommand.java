package dev.serverlesslab.server.cli;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.graders.report.format.ConsoleText;
import dev.serverlesslab.server.submission.GradingWorkers;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code lab bench}: grades an exercise's solution several times on one embedded backend and prints what each stage
 * took, the first (cold) run apart from the rest; with {@code --load N}, grades N at once through the web app
 * ({@link LoadBench}). Speed is reported from here, never asserted in tests.
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

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("bench", rawArgs, Set.of("exercise", "runs", "content", "load", "workers",
                "database", "external-workers"),
                Set.of(Confinement.ALLOW_FLAG));
        Path content = args.directory("content", home.resolve("content"));
        String id = args.option("exercise").orElse("hello-lambda");
        Exercise exercise = ExerciseCatalog.load(content).find(id)
                .orElseThrow(() -> new UsageException("unknown exercise '" + id + "'"));
        if (args.option("load").isPresent()) {
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
            confinement.get().require("bench", args.flag(Confinement.ALLOW_FLAG), out);
            return new LoadBench(out).run(new LoadBench.Setup(content, exercise, load, workers, database, external,
                    args.flag(Confinement.ALLOW_FLAG)));
        }
        for (String loadOnly : List.of("workers", "database", "external-workers")) {
            if (args.option(loadOnly).isPresent()) {
                throw new UsageException("--" + loadOnly + " only applies with --load: 'lab bench --load N --"
                        + loadOnly + " ...'");
            }
        }
        int runs = parseRuns(args.option("runs").orElse("5"));
        Submission solution = Submission.fromDirectory(exercise.solutionDir());
        confinement.get().require("bench", args.flag(Confinement.ALLOW_FLAG), out);

        out.printf("Benchmark: grading the solution of %s %d times on the embedded backend (%s, %d cores)%n",
                id, runs, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        List<GradingReport> reports = new ArrayList<>();
        long startBackend = System.nanoTime();
        try (Backend backend = Backend.embedded()) {
            out.printf("  emulator start: %d ms%n", (System.nanoTime() - startBackend) / 1_000_000);
            Grader grader = new Grader(backend);
            for (int i = 1; i <= runs; i++) {
                GradingReport report = grader.grade(exercise, solution, GradingListener.NONE);
                if (report.status() != Status.PASSED) {
                    out.println("  run " + i + " did not pass: " + ConsoleText.line(report.summary()));
                    return 1;
                }
                reports.add(report);
                out.printf("  run %d: %d ms total (%s)%n", i, report.millis(), stagesOf(report));
            }
        }
        printSummary(reports);
        return 0;
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

    private static int parseRuns(String raw) {
        try {
            int runs = Integer.parseInt(raw);
            if (runs < 1 || runs > 100) {
                throw new NumberFormatException();
            }
            return runs;
        } catch (NumberFormatException e) {
            throw new UsageException("--runs must be a number from 1 to 100, got '" + raw + "'");
        }
    }
}
