package dev.serverlesslab.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code lab bench --startup}: what a person waits for after typing {@code ./lab serve}, measured from outside as
 * they would: the {@code lab} script is started as a command (its checks, the JVM, the web app), {@code GET /} is
 * asked every 20 ms until it answers 200, then the {@code hello-lambda} solution is submitted through the web API at
 * once and its status polled every 20 ms until the verdict. Each run starts a fresh server on a free port; all runs
 * share one temporary data folder, so the first run also creates the database and the rest start as a restart does.
 */
final class StartBench {

    /** The exercise graded after each start: the one the target names. */
    static final String EXERCISE = "hello-lambda";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final Path home;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();

    StartBench(Path home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    /**
     * One start: seconds from the command to the first 200, from the submission to its verdict, and the CPU used.
     *
     * @param stages the grading's stages with their milliseconds, e.g. {@code Compile 401, Deploy 262}
     */
    record Run(double firstAnswer, double verdict, String outcome, OptionalDouble cpuAtFirstAnswer, double load,
               String stages) {
    }

    /**
     * Which start archive the {@code lab} script maps for the servers this bench starts (they run on this JVM's JDK):
     * the AOT cache on Java 25 or newer unless {@code LAB_AOT=0}, else the class-data archive; and whether it exists
     * yet (the first start after a build records it).
     */
    static String startArchive(int javaFeature, String labAot, Path state) {
        boolean aot = javaFeature >= 25 && !"0".equals(labAot);
        Path file = state.resolve(aot ? "start.aot" : "start.jsa");
        return (aot ? "AOT cache " : "class-data archive ") + (Files.isRegularFile(file) ? "present" : "absent");
    }

    int run(Path content, int runs, boolean allowUnconfined) {
        Path lab = home.resolve("lab");
        if (!Files.isExecutable(lab)) {
            throw new UsageException("--startup starts the server as people do, with " + lab + ", which is not there");
        }
        String form = form(Submission.fromDirectory(content.resolve("exercises").resolve(EXERCISE)
                .resolve("solution")));
        Path data = BenchCommand.createTemp("lab-bench-startup-");
        out.printf(Locale.ROOT, "Start benchmark: './lab serve' started %d time(s), GET / until 200, then the %s "
                        + "solution submitted at once until its verdict (%d cores, load average %.1f at start; "
                        + "Java %d, %s)%n", runs, EXERCISE, Runtime.getRuntime().availableProcessors(), load(),
                Runtime.version().feature(), startArchive(Runtime.version().feature(), System.getenv("LAB_AOT"),
                        home.resolve(".lab")));
        List<Run> results = new ArrayList<>();
        try {
            for (int i = 1; i <= runs; i++) {
                Run run = once(lab, content, data, form, allowUnconfined);
                results.add(run);
                out.printf(Locale.ROOT, "  run %d: first answer %.2f s%s, verdict %.2f s after submitting (%s; %s), "
                                + "load average %.1f%s%n", i, run.firstAnswer(),
                        run.cpuAtFirstAnswer().isPresent() ? String.format(Locale.ROOT, " (server JVM CPU %.2f s)",
                                run.cpuAtFirstAnswer().getAsDouble()) : "",
                        run.verdict(), run.outcome(), run.stages(), run.load(),
                        i == 1 ? "; this run also created the database" : "");
            }
        } finally {
            BenchCommand.deleteQuietly(data);
        }
        List<Double> first = results.stream().map(Run::firstAnswer).sorted().toList();
        List<Double> verdicts = results.stream().map(Run::verdict).sorted().toList();
        out.printf(Locale.ROOT, "%n  median: first answer %.2f s, first grading's verdict %.2f s after submitting "
                + "(targets: 1.5 s and 1.5 s)%n", first.get(first.size() / 2), verdicts.get(verdicts.size() / 2));
        return results.stream().allMatch(run -> run.outcome().equals("passed")) ? 0 : 1;
    }

    private Run once(Path lab, Path content, Path data, String form, boolean allowUnconfined) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(lab.toString(), "serve", "--port", String.valueOf(port),
                "--content", content.toString(), "--data", data.toString(), "--no-watch"));
        if (allowUnconfined) {
            command.add("--" + Confinement.ALLOW_FLAG);
        }
        String base = "http://127.0.0.1:" + port;
        long start = System.nanoTime();
        Process serve;
        try {
            serve = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolve("serve-console.txt").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + lab + ": " + e.getMessage(), e);
        }
        try {
            long giveUp = start + GIVE_UP.toNanos();
            while (status(base + "/") != 200) {
                if (!serve.isAlive() || System.nanoTime() > giveUp) {
                    throw new IllegalStateException("'lab serve' did not answer GET / (see its console in "
                            + data.resolve("serve-console.txt") + ")");
                }
                BenchCommand.pause(POLL);
            }
            double firstAnswer = (System.nanoTime() - start) / 1e9;
            // The lab script execs the JVM, so the process started is the server's JVM.
            OptionalDouble cpu = serve.toHandle().info().totalCpuDuration()
                    .map(d -> OptionalDouble.of(d.toNanos() / 1e9)).orElse(OptionalDouble.empty());
            long submitted = System.nanoTime();
            String statusUrl = submit(base, form);
            JsonNode status;
            do {
                BenchCommand.pause(POLL);
                status = json.readTree(get(base + statusUrl).body());
                if (System.nanoTime() > submitted + GIVE_UP.toNanos()) {
                    throw new IllegalStateException("no verdict within " + GIVE_UP.toMinutes() + " minutes");
                }
            } while (!status.path("finished").asBoolean());
            double verdict = (System.nanoTime() - submitted) / 1e9;
            return new Run(firstAnswer, verdict, outcome(status), cpu, load(), stages(status));
        } catch (IOException e) {
            throw new IllegalStateException("talking to 'lab serve' failed: " + e.getMessage(), e);
        } finally {
            serve.destroy();
            try {
                if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                    serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@code Compile 401, Provision 101, ...}: where the first grading's time went, as its report gives it. */
    static String stages(JsonNode status) {
        List<String> stages = new ArrayList<>();
        status.path("stages").forEach(stage -> {
            if (stage.path("millis").asLong() > 0) {
                stages.add(stage.path("label").asText() + " " + stage.path("millis").asLong());
            }
        });
        return stages.isEmpty() ? "no stages reported" : String.join(", ", stages);
    }

    private static String outcome(JsonNode status) {
        if (!"DONE".equals(status.path("state").asText())) {
            return status.path("state").asText() + ": " + status.path("error").asText();
        }
        List<String> failed = new ArrayList<>();
        status.path("checks").forEach(check -> {
            if (!"passed".equals(check.path("status").asText())) {
                failed.add(check.path("name").asText());
            }
        });
        return status.path("checks").isEmpty() ? "no checks ran" : failed.isEmpty() ? "passed"
                : "checks not passed: " + failed;
    }

    private String submit(String base, String form) throws IOException {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/exercises/" + EXERCISE
                        + "/submissions"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Sec-Fetch-Site", "same-origin")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (created.statusCode() != 202) {
            throw new IllegalStateException("the submission was refused: " + created.statusCode() + " "
                    + created.body());
        }
        return json.readTree(created.body()).path("statusUrl").asText();
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return 0; // not listening yet
        }
    }

    private HttpResponse<String> get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(GIVE_UP).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String form(Submission submission) {
        return submission.files().entrySet().stream()
                .map(file -> URLEncoder.encode("file:" + file.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(file.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }
}
