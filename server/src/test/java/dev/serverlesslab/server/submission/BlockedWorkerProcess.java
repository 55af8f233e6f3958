package dev.serverlesslab.server.submission;

import dev.serverlesslab.graders.run.CheckTallies;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.server.database.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A grading worker as a process of its own, for {@link SharedPostgresQueueTests} to kill with SIGKILL in the middle
 * of a grading: it claims from the database named by {@code args[0]} as {@code lab worker} does, reports that it
 * started compiling, and then never finishes, as a machine that dies mid-grading never does.
 */
public final class BlockedWorkerProcess {

    private BlockedWorkerProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database database = Database.open(args[0]);
        CountDownLatch never = new CountDownLatch(1);
        GradingQueue queue = new GradingQueue(new SubmissionStore(database, Clock.systemUTC()),
                ExerciseCatalog.load(Path.of(args[1])), (exercise, files, listener) -> {
                    listener.stageStarted(Stage.COMPILE);
                    System.out.println("grading started");
                    while (true) {
                        try {
                            never.await();
                        } catch (InterruptedException ignored) {
                            // only SIGKILL ends this process
                        }
                    }
                }, new GradingDeadline(new CheckTallies())::of, 1,
                GradingQueue.Settings.shared().withHeartbeat(Duration.ofMillis(500), Duration.ofSeconds(3))
                        .withIdlePoll(Duration.ofMillis(200)));
        queue.start();
        System.out.println("worker " + queue.workerId());
        never.await();
    }
}
