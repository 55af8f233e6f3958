package dev.serverlesslab.server.cli;

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
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code lab worker}: grading workers only, no web, taking submissions from the PostgreSQL database a web app
 * ({@code lab serve --database ...}) stores them in, so grading can run on more machines than the web app's. Needs
 * the same course content as the web app (the exercises' checks) and confines learner code as {@code serve} does.
 * Stops on Ctrl-C or SIGTERM, putting what it was grading back in the queue.
 */
final class WorkerCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    WorkerCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("worker", rawArgs, Set.of("database", "workers", "content", "heartbeat-timeout"),
                Set.of(Confinement.ALLOW_FLAG));
        if (!args.positional().isEmpty()) {
            throw new UsageException("'lab worker' takes no arguments, got " + args.positional());
        }
        String url = args.option("database").orElseThrow(() -> new UsageException("'lab worker' grades what a web "
                + "app stores in PostgreSQL: give the same --database jdbc:postgresql://HOST/DB?user=U as 'lab serve'"));
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
            throw new UsageException("--database must be a PostgreSQL URL (jdbc:postgresql://HOST/DB?user=U): only "
                    + "PostgreSQL can be shared by a web app and workers on other machines; the embedded H2 file is "
                    + "one process's alone, and 'lab serve' grades with its own workers there");
        }
        Path content = args.directory("content", home.resolve("content"));
        int workers = args.number("workers", GradingWorkers.defaultCount(), 1, GradingWorkers.MAX);
        int timeout = args.number("heartbeat-timeout", (int) GradingQueue.Settings.DEFAULT_TIMEOUT.toSeconds(), 10, 3600);
        confinement.get().require("worker", args.flag(Confinement.ALLOW_FLAG), out);
        ExerciseCatalog catalog = ExerciseCatalog.load(content);

        Database database;
        try {
            database = Database.open(url);
        } catch (DatabaseException e) {
            throw new UsageException(e.getMessage());
        }
        out.println("Starting the embedded AWS emulator...");
        Backend backend = Backend.embedded();
        GradingQueue.Settings settings = GradingQueue.Settings.shared()
                .withHeartbeat(Duration.ofSeconds(Math.max(1, timeout / 6)), Duration.ofSeconds(timeout))
                .withIdlePoll(Duration.ofMillis(500))
                .withEvents(line -> out.println(TIME.format(Instant.now()) + " " + line));
        GradingQueue queue = new GradingQueue(new SubmissionStore(database, Clock.systemUTC()), catalog,
                new Grader(backend)::grade, GradingDeadline::of, workers, settings);
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
