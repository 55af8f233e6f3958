package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.DatabaseException;
import dev.serverlesslab.server.submission.GradingDeadline;
import dev.serverlesslab.server.submission.GradingQueue;
import dev.serverlesslab.server.submission.GradingWorkers;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code lab worker}: grading workers only, no web, taking submissions from the PostgreSQL database a web app
 * ({@code lab serve --database ...}) stores them in, so grading can run on more machines than the web app's. Needs
 * the same course content as the web app (the exercises' checks) and confines learner code as {@code serve} does.
 * Stops on Ctrl-C or SIGTERM, putting what it was grading back in the queue.
 */
@Command(name = "worker", description = "Grade what a web app stores in PostgreSQL, on this machine, no web (same "
        + "content as serve), until Ctrl-C.")
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--database", paramLabel = "URL", description = "The web app's jdbc:postgresql://HOST/DB?user=U.")
    String url;

    @Option(names = "--workers", paramLabel = "N", description = "Gradings at once (default: one per core).")
    String workersOption;

    @Option(names = "--content", paramLabel = "DIR", description = "The course folder (default: ./content).")
    String contentOption;

    @Option(names = "--heartbeat-timeout", paramLabel = "SECONDS", description = "After this long without a "
            + "heartbeat another worker takes this one's gradings (default: 30).")
    String heartbeatTimeout;

    @Mixin
    AllowUnconfined allowUnconfined;

    @Mixin
    HelpOption help;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    WorkerCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    @Override
    public Integer call() {
        if (url == null) {
            throw new UsageException("'lab worker' grades what a web app stores in PostgreSQL: give the same "
                    + "--database jdbc:postgresql://HOST/DB?user=U as 'lab serve'");
        }
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw new UsageException("--database must be a PostgreSQL URL (jdbc:postgresql://HOST/DB?user=U): only "
                    + "PostgreSQL can be shared by a web app and workers on other machines; the embedded H2 file is "
                    + "one process's alone, and 'lab serve' grades with its own workers there");
        }
        Path content = OptionValues.directory("--content", contentOption, home.resolve("content"));
        int workers = OptionValues.number("--workers", workersOption, GradingWorkers.defaultCount(), 1,
                GradingWorkers.MAX);
        int timeout = OptionValues.number("--heartbeat-timeout", heartbeatTimeout,
                (int) GradingQueue.Settings.DEFAULT_TIMEOUT.toSeconds(), 10, 3600);
        Confinement confined = confinement.get();
        confined.require("worker", allowUnconfined.allowed, out);
        ExerciseCatalog catalog = ExerciseCatalog.load(content);

        Database database;
        try {
            database = Database.open(url);
        } catch (DatabaseException e) {
            throw new UsageException(e.getMessage());
        }
        out.println("Starting the embedded AWS emulator...");
        Backend backend = confined.embeddedBackend();
        backend.prepareFor(catalog.all());
        GradingQueue.Settings settings = GradingQueue.Settings.shared()
                .withHeartbeat(Duration.ofSeconds(Math.max(1, timeout / 6)), Duration.ofSeconds(timeout))
                .withIdlePoll(Duration.ofMillis(500))
                .withEvents(line -> out.println(TIME.format(Instant.now()) + " " + line));
        GradingQueue queue = new GradingQueue(new SubmissionStore(database, Clock.systemUTC()), catalog,
                new Grader(backend)::grade, new GradingDeadline(new CheckTallies())::of, workers, settings);
        queue.start();
        out.println("Serverless Lab worker " + queue.workerId() + " grading with " + workers + " worker(s)");
        out.println("Database: " + database.description() + "   Content: " + content + " (" + catalog.all().size()
                + " exercises)");
        out.println("Press Ctrl-C to stop; what is being graded goes back to the queue.");
        return EmulatorCommand.blockUntilShutdown(() -> {
            queue.close();
            database.close();
            backend.close();
            out.println("Worker stopped.");
        });
    }
}
