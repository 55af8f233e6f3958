package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.run.CheckTallies;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.submission.GradingDeadline;
import dev.serverlesslab.server.submission.GradingQueue;
import dev.serverlesslab.server.submission.SubmissionLimits;
import dev.serverlesslab.server.submission.SubmissionPages;
import dev.serverlesslab.server.submission.SubmissionStore;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code lab bench --load N}: starts the web app's submission routes in-process on a free port (the same
 * {@link SubmissionPages} POST and {@code status.json} as {@code lab serve}, the same store and grading queue), sends
 * N solutions through them at once, each as a learner of its own, and prints submit→verdict percentiles, gradings per
 * minute and how many were lost. With {@code --database} the queue is that PostgreSQL; with
 * {@code --external-workers K} this process grades nothing and K {@code lab worker} processes started here do, as a
 * web app and workers on other machines would. Warm-up submissions go first, one per grading worker, so the figures
 * are of running graders, not of their first gradings.
 *
 * <p>Each simulated learner is a {@code learners} row of its own, named by a request header only this benchmark's
 * private app (on 127.0.0.1, torn down at the end) reads: in solo mode the real app has one learner, whose limits
 * (three waiting) and fairness (one grading at a time) would measure the queue rule rather than the graders.
 */
final class LoadBench {

    /** Far longer than any grading deadline: a submission still unanswered after this counts as lost. */
    private static final Duration GIVE_UP = Duration.ofMinutes(20);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String LEARNER_HEADER = "X-Bench-Learner";

    private final PrintStream out;
    private final Confinement confinement;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    /** @param confinement how this process's embedded emulator confines learner code (unused with external workers) */
    LoadBench(PrintStream out, Confinement confinement) {
        this.out = out;
        this.confinement = confinement;
    }

    /**
     * What to measure.
     *
     * @param exercises       whose solutions are submitted: learner {@code i} submits exercise {@code i mod size},
     *                        so several make a mixed load
     * @param workers         gradings at once in this process, or in each external worker process
     * @param databaseUrl     the PostgreSQL to queue in, or null for an embedded database in a temporary folder
     * @param externalWorkers how many {@code lab worker} processes grade instead of this one (0: this one grades)
     * @param allowUnconfined passed on to the worker processes, as the person accepted it for the benchmark
     */
    record Setup(Path content, List<Exercise> exercises, int load, int workers, String databaseUrl, int externalWorkers,
                 boolean allowUnconfined) {
    }

    /** @return 0 when every submission got a passing verdict, 1 otherwise */
    int run(Setup setup) {
        List<Exercise> exercises = setup.exercises();
        List<String> forms = exercises.stream()
                .map(e -> StartBench.form(Submission.fromDirectory(e.solutionDir()))).toList();
        boolean external = setup.externalWorkers() > 0;
        out.printf("Load benchmark: %d solutions of %s submitted at once through the web API, %s (%s, %d cores, "
                        + "load average %.1f at start)%n",
                setup.load(), exercises.stream().map(Exercise::id).collect(Collectors.joining(" + ")), external
                        ? setup.externalWorkers() + " 'lab worker' process(es) with " + setup.workers() + " worker(s) each"
                        : setup.workers() + " grading worker(s) in the web app's process",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path data = BenchCommand.createTemp("lab-bench-");
        List<Process> workers = new ArrayList<>();
        Database database = setup.databaseUrl() == null ? Database.embedded(data) : Database.open(setup.databaseUrl());
        out.println("  queue: " + database.description());
        Backend backend = external ? null : confinement.embeddedBackend();
        GradingQueue.Grading grading = external ? (e, files, listener) -> {
            throw new IllegalStateException("this process grades nothing");
        } : new Grader(backend)::grade;
        ExerciseCatalog catalog = ExerciseCatalog.load(setup.content());
        SubmissionStore store = new SubmissionStore(database, Clock.systemUTC());
        List<Long> learners = createLearners(database,
                setup.load() + exercises.size() * setup.workers() * Math.max(1, setup.externalWorkers()));
        try (GradingQueue queue = new GradingQueue(store, catalog, grading, new GradingDeadline(new CheckTallies())::of,
                external ? 0 : setup.workers(), setup.databaseUrl() == null ? GradingQueue.Settings.exclusive()
                        : GradingQueue.Settings.shared())) {
            queue.start();
            Javalin app = app(catalog, store, queue, learners);
            try {
                for (int i = 0; i < setup.externalWorkers(); i++) {
                    workers.add(startWorker(setup));
                }
                int warmUps = setup.workers() * Math.max(1, setup.externalWorkers());
                List<Outcome> warm = new ArrayList<>();
                for (int e = 0; e < exercises.size(); e++) {
                    // every exercise once per grading worker, so no figure below includes a first grading
                    warm.addAll(submitAll(app.port(), exercises, forms, setup.load() + e * warmUps, warmUps, e));
                }
                out.printf("  warm-up: %d grading(s), slowest %d ms, %s%n", warm.size(),
                        warm.stream().mapToLong(Outcome::millis).max().orElse(0),
                        warm.stream().allMatch(o -> o.verdict().equals("passed")) ? "passed" : warm.get(0).verdict());
                long start = System.nanoTime();
                List<Outcome> outcomes = submitAll(app.port(), exercises, forms, 0, setup.load(), 0);
                long wallMillis = (System.nanoTime() - start) / 1_000_000;
                return report(outcomes, wallMillis, exercises.size() > 1);
            } finally {
                app.stop();
            }
        } finally {
            workers.forEach(LoadBench::stop);
            database.close();
            if (backend != null) {
                backend.close();
            }
            deleteQuietly(data);
        }
    }

    /**
     * Sends {@code count} solutions at once, as learners {@code first}, {@code first + 1}, …, the {@code i}-th of them
     * the solution of exercise {@code (offset + i) mod exercises}, and waits for them all.
     */
    private List<Outcome> submitAll(int port, List<Exercise> exercises, List<String> forms, int first, int count,
                                    int offset) {
        ExecutorService senders = Executors.newFixedThreadPool(count);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int learner = first + i;
                int which = (offset + i) % exercises.size();
                String exerciseId = exercises.get(which).id();
                String form = forms.get(which);
                futures.add(senders.submit(() -> submitAndAwait(port, exerciseId, form, learner)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(get(future));
            }
            return outcomes;
        } finally {
            senders.shutdown();
        }
    }

    /** The submission routes as {@code lab serve} declares them, each request as the learner its header names. */
    private static Javalin app(ExerciseCatalog catalog, SubmissionStore store, GradingQueue queue, List<Long> learners) {
        SubmissionPages pages = new SubmissionPages(catalog, store, queue, new SubmissionLimits(
                SubmissionLimits.MAX_WAITING, SubmissionLimits.MAX_PER_MINUTE, Clock.systemUTC(), queue::isPending));
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(ctx -> Viewer.set(ctx, Viewer.solo(learnerOf(ctx, learners))));
            config.routes.post("/exercises/{exerciseId}/submissions", pages::create);
            config.routes.get("/submissions/{submissionId}/status.json", pages::status);
        }).start("127.0.0.1", 0);
    }

    private static long learnerOf(Context ctx, List<Long> learners) {
        return learners.get(Integer.parseInt(ctx.header(LEARNER_HEADER)));
    }

    /** One {@code learners} row per simulated learner, named so as not to meet anyone else's. */
    private static List<Long> createLearners(Database database, int count) {
        byte[] run = new byte[4];
        new SecureRandom().nextBytes(run);
        String prefix = "bench-" + HexFormat.of().formatHex(run) + "-";
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return database.jdbi().inTransaction(handle -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(handle.createUpdate("INSERT INTO learners (handle, display_name, created_at) "
                                + "VALUES (:handle, :handle, :now)")
                        .bind("handle", prefix + i)
                        .bind("now", now)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
            }
            return ids;
        });
    }

    /** A {@code lab worker} process on this machine, started and ready to grade. */
    private Process startWorker(Setup setup) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Lab.class.getName(), "worker",
                "--database", setup.databaseUrl(), "--workers", String.valueOf(setup.workers()),
                "--content", setup.content().toString()));
        if (setup.allowUnconfined()) {
            command.add("--" + Confinement.ALLOW_FLAG);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a 'lab worker' process", e);
        }
        CountDownLatch ready = new CountDownLatch(1);
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    if (ready.getCount() > 0) {
                        lines.add(line);
                    }
                    if (line.startsWith("Serverless Lab worker ")) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the worker is gone; noticed below or at the end
            }
        }, "bench-worker-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.await(2, TimeUnit.MINUTES) || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("a 'lab worker' process did not start: " + String.join(" / ", lines));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        out.println("  started worker process " + process.pid());
        return process;
    }

    /** SIGTERM, as an operator stops a worker; it puts back anything it holds. */
    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private int report(List<Outcome> outcomes, long wallMillis, boolean perExercise) {
        List<Long> finished = outcomes.stream().filter(Outcome::finished).map(Outcome::millis).sorted().toList();
        if (perExercise) {
            outcomes.stream().collect(Collectors.groupingBy(Outcome::exerciseId, java.util.LinkedHashMap::new,
                    Collectors.toList())).forEach((id, ofOne) -> {
                List<Long> times = ofOne.stream().filter(Outcome::finished).map(Outcome::millis).sorted().toList();
                out.printf("  %s (%d): submit→verdict p50 %d ms, p95 %d ms%n", id, ofOne.size(),
                        percentile(times, 50), percentile(times, 95));
            });
        }
        long passed = outcomes.stream().filter(o -> o.verdict().equals("passed")).count();
        long lost = outcomes.size() - finished.size();
        out.printf("  submit→verdict: p50 %d ms, p95 %d ms, max %d ms%n", percentile(finished, 50),
                percentile(finished, 95), finished.isEmpty() ? 0 : finished.get(finished.size() - 1));
        out.printf("  %d gradings in %.1f s: %.1f gradings per minute%n", finished.size(), wallMillis / 1000.0,
                finished.size() * 60_000.0 / Math.max(1, wallMillis));
        out.printf("  passed %d, other verdicts %d, lost (no verdict) %d%n", passed, finished.size() - passed, lost);
        outcomes.stream().filter(o -> !o.verdict().equals("passed")).limit(5)
                .forEach(o -> out.println("    " + o.exerciseId() + " " + o.id() + ": " + o.verdict()));
        return passed == outcomes.size() ? 0 : 1;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private Outcome submitAndAwait(int port, String exerciseId, String form, int learner) {
        long start = System.nanoTime();
        String id = submit(port, exerciseId, form, learner);
        long giveUp = start + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp) {
            JsonNode status = status(port, id, learner);
            if (status.path("finished").asBoolean()) {
                return new Outcome(exerciseId, id, true, (System.nanoTime() - start) / 1_000_000, verdict(status));
            }
            BenchCommand.pause(POLL);
        }
        return new Outcome(exerciseId, id, false, GIVE_UP.toMillis(), "no verdict within " + GIVE_UP.toMinutes() + " minutes");
    }

    private static String verdict(JsonNode status) {
        if (!"DONE".equals(status.path("state").asText())) {
            return status.path("state").asText() + ": " + status.path("error").asText();
        }
        List<String> notPassed = new ArrayList<>();
        status.path("checks").forEach(check -> {
            if (!"passed".equals(check.path("status").asText())) {
                notPassed.add(check.path("name").asText());
            }
        });
        return status.path("checks").isEmpty() ? "no checks ran"
                : notPassed.isEmpty() ? "passed" : "checks not passed: " + notPassed;
    }

    private String submit(int port, String exerciseId, String form, int learner) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/exercises/" + exerciseId + "/submissions");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .header(LEARNER_HEADER, String.valueOf(learner))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() != 303 || location == null) {
                throw new IllegalStateException("the web app refused a submission: " + response.statusCode() + " "
                        + response.body());
            }
            return location.substring(location.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot submit to the web app on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode status(int port, String id, int learner) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/submissions/" + id + "/status.json");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).header(LEARNER_HEADER,
                            String.valueOf(learner)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + id, e);
        }
    }

    private static Outcome get(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome("?", "?", false, 0, "the simulated learner failed: " + e.getCause().getMessage());
        }
    }


    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temp folder is harmless.
        }
    }

    /** One simulated learner's submission: how long from its POST to the verdict, and what the verdict was. */
    private record Outcome(String exerciseId, String id, boolean finished, long millis, String verdict) {
    }
}
