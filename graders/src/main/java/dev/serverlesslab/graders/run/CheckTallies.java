package dev.serverlesslab.graders.run;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.report.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The points (and number of checks) each exercise is worth, taken from its compiled checks the way a grading counts
 * them ({@link CheckRunner#tally}), so lesson pages, the grading deadline and {@code lab validate} show the figure
 * grading uses. Kept per content of the checks (the compiled-checks cache key), in memory and beside the compiled
 * classes on disk, so an edited check is counted again and a restarted server knows the rest at once; computed on one
 * background thread for pages ({@link #ifKnown}, which never waits) and on demand elsewhere ({@link #of}).
 */
public final class CheckTallies implements AutoCloseable {

    /** How long one container of a tally may take; nothing in it runs a check, only what makes them. */
    private static final Duration PER_CONTAINER = Duration.ofSeconds(30);

    private final Supplier<CheckCompiler> compiler;
    private final CheckRunner runner = new CheckRunner();
    private final Map<String, CompletableFuture<Optional<CheckTally>>> byChecks = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "check-tallies");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });

    /** Compiles with the graders' own {@link CheckCompiler}, made on first use so creating this costs nothing. */
    public CheckTallies() {
        this(new Supplier<>() {
            private CheckCompiler made;

            @Override
            public synchronized CheckCompiler get() {
                if (made == null) {
                    made = new CheckCompiler();
                }
                return made;
            }
        });
    }

    CheckTallies(Supplier<CheckCompiler> compiler) {
        this.compiler = compiler;
    }

    /**
     * The tally of {@code exercise}'s checks, counting them now when they were not counted before (compiling them
     * first when no grading has).
     *
     * @return empty when the checks do not compile or cannot be read
     */
    public Optional<CheckTally> of(Exercise exercise) {
        return future(exercise, Runnable::run).join();
    }

    /**
     * The tally when it is known already; otherwise empty at once, and counting starts in the background, so a page
     * shows no figure rather than a wrong one and has it on a later visit.
     */
    public Optional<CheckTally> ifKnown(Exercise exercise) {
        CompletableFuture<Optional<CheckTally>> tally = future(exercise, background);
        return tally.isDone() ? tally.join() : Optional.empty();
    }

    /** Starts counting every exercise in the background, e.g. while a server starts. */
    public void warm(List<Exercise> exercises) {
        exercises.forEach(exercise -> future(exercise, background));
    }

    @Override
    public void close() {
        background.shutdownNow();
    }

    private CompletableFuture<Optional<CheckTally>> future(Exercise exercise,
                                                           java.util.concurrent.Executor executor) {
        String key;
        try {
            key = compiler.get().key(exercise);
        } catch (RuntimeException unreadable) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<Optional<CheckTally>> known = byChecks.get(key);
        if (known != null) {
            return known;
        }
        Optional<CheckTally> kept = compiler.get().cache().tally(key);
        if (kept.isPresent()) {
            return byChecks.computeIfAbsent(key, k -> CompletableFuture.completedFuture(kept));
        }
        CompletableFuture<Optional<CheckTally>> created = new CompletableFuture<>();
        CompletableFuture<Optional<CheckTally>> existing = byChecks.putIfAbsent(key, created);
        if (existing != null) {
            return existing;
        }
        try {
            executor.execute(() -> created.complete(count(exercise, key)));
        } catch (RuntimeException rejected) {
            byChecks.remove(key, created);
            created.complete(Optional.empty());
        }
        return created;
    }

    private Optional<CheckTally> count(Exercise exercise, String key) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("lab-tally-");
            CompileResult compiled = compiler.get().compile(exercise, scratch);
            if (!compiled.success()) {
                return Optional.empty();
            }
            List<CheckResult> checks = runner.tally(compiled.classesDir(), PER_CONTAINER);
            CheckTally tally = new CheckTally(checks.size(), checks.stream().mapToInt(CheckResult::maxPoints).sum());
            compiler.get().cache().keepTally(key, tally);
            return Optional.of(tally);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | RuntimeException e) {
            // A stray temporary folder only takes a little space.
        }
    }
}
