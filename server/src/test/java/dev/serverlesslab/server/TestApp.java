package dev.serverlesslab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.account.Viewer;
import dev.serverlesslab.server.submission.GradingQueue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The real web app on a free port against the real course content, and an HTTP client to talk to it. */
public final class TestApp implements AutoCloseable {

    /** The course in the repository, as {@code ./lab serve} uses it. */
    public static final Path CONTENT = Path.of("..", "content").toAbsolutePath().normalize();
    public static final Path HELLO_LAMBDA = CONTENT.resolve("exercises/hello-lambda");
    /** Gradings compile and start JVMs on a shared two-core machine: wait long, but not forever. */
    private static final Duration GRADING_DEADLINE = Duration.ofMinutes(4);

    private final WebApp app;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    private TestApp(WebApp app) {
        this.app = app;
    }

    /** The app exactly as {@code config} says, e.g. with serve's course cache. */
    public static TestApp start(WebAppConfig config) {
        return new TestApp(WebApp.start(config));
    }

    public static TestApp start(Path dataDir, Backend backend) {
        return new TestApp(WebApp.start(new WebAppConfig(CONTENT, dataDir, "127.0.0.1", 0, backend)));
    }

    /** The app on the database a JDBC URL names, as {@code ./lab serve --database URL} runs it. */
    public static TestApp start(Path dataDir, Backend backend, String databaseUrl) {
        return new TestApp(WebApp.start(new WebAppConfig(CONTENT, dataDir, "127.0.0.1", 0, backend, databaseUrl)));
    }

    /** Class mode ({@code ./lab serve --class --watch}) serving {@code content} with live reload. */
    public static TestApp startClassWatching(Path content, Path dataDir, Backend backend) {
        return new TestApp(WebApp.start(new WebAppConfig(content, dataDir, "127.0.0.1", 0, backend).inClassMode(false)
                .watching(true)));
    }

    /** Class mode with every submission graded by {@code grading} instead of a backend (see {@link WebApp.Overrides}). */
    public static TestApp startClass(Path dataDir, Backend backend, GradingQueue.Grading grading) {
        return startClass(CONTENT, dataDir, backend, grading);
    }

    /** Class mode serving {@code content}, every submission graded by {@code grading}. */
    public static TestApp startClass(Path content, Path dataDir, Backend backend, GradingQueue.Grading grading) {
        return new TestApp(WebApp.start(new WebAppConfig(content, dataDir, "127.0.0.1", 0, backend).inClassMode(false),
                new WebApp.Overrides(null, grading)));
    }

    /** Class mode serving {@code content}, gradings by {@code grading} and test console runs by {@code console}. */
    public static TestApp startClass(Path content, Path dataDir, Backend backend, GradingQueue.Grading grading,
                                     dev.serverlesslab.server.console.TestRunner console) {
        return new TestApp(WebApp.start(new WebAppConfig(content, dataDir, "127.0.0.1", 0, backend).inClassMode(false),
                new WebApp.Overrides(null, grading, console)));
    }

    /** Solo mode serving {@code content}, every submission graded by {@code grading} instead of a backend. */
    public static TestApp start(Path content, Path dataDir, Backend backend, GradingQueue.Grading grading) {
        return new TestApp(WebApp.start(new WebAppConfig(content, dataDir, "127.0.0.1", 0, backend),
                new WebApp.Overrides(null, grading)));
    }

    /** The app serving {@code content} with live reload ({@code ./lab serve --watch}), in solo mode. */
    public static TestApp startWatching(Path content, Path dataDir, Backend backend) {
        return new TestApp(WebApp.start(new WebAppConfig(content, dataDir, "127.0.0.1", 0, backend).watching(true)));
    }

    /** The app in class mode ({@code ./lab serve --class}): sign-in, accounts and staff pages; see {@link SignedInClient}. */
    public static TestApp startClass(Path dataDir, Backend backend) {
        return startClass(dataDir, backend, false);
    }

    /** Class mode, trusting {@code X-Forwarded-*} as behind a reverse proxy ({@code --behind-proxy}) or not. */
    public static TestApp startClass(Path dataDir, Backend backend, boolean behindProxy) {
        return new TestApp(WebApp.start(new WebAppConfig(CONTENT, dataDir, "127.0.0.1", 0, backend)
                .inClassMode(behindProxy)));
    }

    /**
     * The app with who is asking and how submissions are graded replaced ({@link WebApp.Overrides}), e.g. to make
     * requests as staff and as a student against one app, and to grade without a backend.
     *
     * @param viewer  asked on every request for its viewer, or null for the solo learner
     * @param grading grades every submission, or null for the real grader on {@code backend}
     */
    public static TestApp start(Path dataDir, Backend backend, Supplier<Viewer> viewer,
                                GradingQueue.Grading grading) {
        return new TestApp(WebApp.start(new WebAppConfig(CONTENT, dataDir, "127.0.0.1", 0, backend),
                new WebApp.Overrides(viewer, grading)));
    }

    /**
     * The app with the test console's runs replaced too ({@link WebApp.Overrides#console()}), e.g. to hold a run
     * still while a second one is refused.
     */
    public static TestApp startWithConsole(Path dataDir, Backend backend, Supplier<Viewer> viewer,
                                           dev.serverlesslab.server.console.TestRunner console) {
        return new TestApp(WebApp.start(new WebAppConfig(CONTENT, dataDir, "127.0.0.1", 0, backend),
                new WebApp.Overrides(viewer, null, console)));
    }

    /** The app itself, e.g. to ask what it imported at start. */
    public WebApp app() {
        return app;
    }

    /** A backend for tests that never grade: nothing listens there, so a stray grading fails fast. */
    public static Backend nowhere() {
        return Backend.endpoint(URI.create("http://127.0.0.1:9"));
    }

    public static Map<String, String> solutionFiles() {
        return Submission.fromDirectory(HELLO_LAMBDA.resolve("solution")).files();
    }

    public static Map<String, String> starterFiles() {
        return Submission.fromDirectory(HELLO_LAMBDA.resolve("starter")).files();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** Posts the files as the editor form does: one {@code file:<path>} field per file. */
    public HttpResponse<String> submit(String exerciseId, Map<String, String> files) {
        return send(HttpRequest.newBuilder(uri("/exercises/" + exerciseId + "/submissions"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(files)))
                .build());
    }

    /** The submission id the 303 after a submit points to. */
    public static String submissionId(HttpResponse<String> redirect) {
        assertEquals(303, redirect.statusCode(), redirect.body());
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** Polls {@code status.json} as the page does until the grading is over, and returns the last status. */
    public JsonNode awaitFinished(String submissionId) {
        Instant deadline = Instant.now().plus(GRADING_DEADLINE);
        JsonNode status = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("/submissions/" + submissionId + "/status.json");
            assertEquals(200, response.statusCode(), response.body());
            try {
                status = json.readTree(response.body());
            } catch (IOException e) {
                fail("status.json is not JSON: " + response.body());
            }
            if (status.path("finished").asBoolean()) {
                return status;
            }
            sleep(Duration.ofMillis(250));
        }
        return fail("submission " + submissionId + " was not graded within " + GRADING_DEADLINE + "; last status: " + status);
    }

    /** Sends any request, e.g. one with the headers a browser adds, built on {@link #uri(String)}. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A request whose body is kept as bytes, e.g. a compressed one. */
    public HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The editor form's body for these files: one {@code file:<path>} field per file. */
    public static String form(Map<String, String> files) {
        return files.entrySet().stream()
                .map(file -> encode("file:" + file.getKey()) + "=" + encode(file.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** How many open pages listen for live reload now (0 without {@code --watch}). */
    public int watchListeners() {
        return app.watchListeners();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.close();
    }

    /** A request to this app's {@code path}, for tests that set their own method, headers and body. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path));
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
