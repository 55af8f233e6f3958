package dev.serverlesslab.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.WebApp;
import dev.serverlesslab.server.WebAppConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code lab bench --load N}: starts the web app in-process on a free port, sends N solutions through its web API at
 * once, each as a learner of its own, and prints submit→verdict percentiles, gradings per minute and how many were
 * lost. One warm-up submission goes first, so the figures are of a running server, not of its first grading.
 */
final class LoadBench {

    /** Far longer than any grading deadline: a submission still unanswered after this counts as lost. */
    private static final Duration GIVE_UP = Duration.ofMinutes(20);
    private static final Duration POLL = Duration.ofMillis(200);

    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();

    LoadBench(PrintStream out) {
        this.out = out;
    }

    /** @return 0 when every submission got a passing verdict, 1 otherwise */
    int run(Path content, Exercise exercise, int load, int workers) {
        String form = form(Submission.fromDirectory(exercise.solutionDir()));
        out.printf("Load benchmark: %d solutions of %s submitted at once through the web API, %d grading worker(s) "
                + "(%s, %d cores)%n", load, exercise.id(), workers, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        Path data = createTempData();
        try (Backend backend = Backend.embedded();
             WebApp app = WebApp.start(new WebAppConfig(content, data, "127.0.0.1", 0, backend, workers))) {
            Outcome warmUp = submitAndAwait(app.port(), exercise.id(), form, 0);
            out.printf("  warm-up grading: %d ms, %s%n", warmUp.millis(), warmUp.verdict());
            ExecutorService learners = Executors.newFixedThreadPool(load);
            long start = System.nanoTime();
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 1; i <= load; i++) {
                int learner = i;
                futures.add(learners.submit(() -> submitAndAwait(app.port(), exercise.id(), form, learner)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(get(future));
            }
            long wallMillis = (System.nanoTime() - start) / 1_000_000;
            learners.shutdown();
            return report(outcomes, wallMillis);
        } finally {
            deleteQuietly(data);
        }
    }

    private int report(List<Outcome> outcomes, long wallMillis) {
        List<Long> finished = outcomes.stream().filter(Outcome::finished).map(Outcome::millis).sorted().toList();
        long passed = outcomes.stream().filter(o -> o.verdict().equals("passed")).count();
        long lost = outcomes.size() - finished.size();
        out.printf("  submit→verdict: p50 %d ms, p95 %d ms, max %d ms%n", percentile(finished, 50),
                percentile(finished, 95), finished.isEmpty() ? 0 : finished.get(finished.size() - 1));
        out.printf("  %d gradings in %.1f s: %.1f gradings per minute%n", finished.size(), wallMillis / 1000.0,
                finished.size() * 60_000.0 / Math.max(1, wallMillis));
        out.printf("  passed %d, other verdicts %d, lost (no verdict) %d%n", passed, finished.size() - passed, lost);
        outcomes.stream().filter(o -> !o.verdict().equals("passed")).limit(5)
                .forEach(o -> out.println("    " + o.id() + ": " + o.verdict()));
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
        String id = submit(port, exerciseId, form, learnerAddress(learner));
        long giveUp = start + GIVE_UP.toNanos();
        while (System.nanoTime() < giveUp) {
            JsonNode status = status(port, id);
            if (status.path("finished").asBoolean()) {
                return new Outcome(id, true, (System.nanoTime() - start) / 1_000_000, verdict(status));
            }
            pause();
        }
        return new Outcome(id, false, GIVE_UP.toMillis(), "no verdict within " + GIVE_UP.toMinutes() + " minutes");
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

    /**
     * Each simulated learner sends from an address of its own in 127/8, so the app's per-learner limits and fairness
     * see a class, not one client. Written on a plain socket because the JDK 17 {@code HttpClient} cannot choose its
     * local address (that came in JDK 19), and the request is one fixed POST.
     */
    private static String submit(int port, String exerciseId, String form, InetAddress from) {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        String head = "POST /exercises/" + exerciseId + "/submissions HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        try (Socket socket = new Socket()) {
            bind(socket, from);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream request = socket.getOutputStream();
            request.write(head.getBytes(StandardCharsets.US_ASCII));
            request.write(body);
            request.flush();
            BufferedReader response = new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = response.readLine();
            String location = null;
            for (String line = response.readLine(); line != null && !line.isEmpty(); line = response.readLine()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("location:")) {
                    location = line.substring("location:".length()).trim();
                }
            }
            if (statusLine == null || !statusLine.contains(" 303 ") || location == null) {
                String rest = response.lines().collect(Collectors.joining(" "));
                throw new IllegalStateException("the web app refused a submission: " + statusLine + " " + rest);
            }
            return location.substring(location.lastIndexOf('/') + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot submit to the web app on port " + port, e);
        }
    }

    private static void bind(Socket socket, InetAddress from) throws IOException {
        try {
            socket.bind(new InetSocketAddress(from, 0));
        } catch (java.net.BindException e) {
            throw new IllegalStateException("cannot send as a learner from " + from.getHostAddress() + " (" + e.getMessage()
                    + "): the load benchmark needs the whole 127.0.0.0/8 as loopback, as Linux has it; on macOS add "
                    + "aliases first, e.g. 'sudo ifconfig lo0 alias " + from.getHostAddress() + "'", e);
        }
    }

    private JsonNode status(int port, String id) {
        URI uri = URI.create("http://127.0.0.1:" + port + "/submissions/" + id + "/status.json");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + id, e);
        }
    }

    /** 127.0.0.2 for the warm-up, then one address per learner: 127.0.0.3, …, 127.0.1.x past 253 learners. */
    private static InetAddress learnerAddress(int learner) {
        int n = learner + 2;
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n / 254), (byte) (n % 254 + 1)});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String form(Submission submission) {
        return submission.files().entrySet().stream()
                .map(file -> URLEncoder.encode("file:" + file.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(file.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Outcome get(Future<Outcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            return new Outcome("?", false, 0, "the simulated learner failed: " + e.getCause().getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path createTempData() {
        try {
            return Files.createTempDirectory("lab-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
    private record Outcome(String id, boolean finished, long millis, String verdict) {
    }
}
