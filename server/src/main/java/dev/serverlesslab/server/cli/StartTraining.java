package dev.serverlesslab.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.lessons.cache.CourseCache;
import dev.serverlesslab.server.WebApp;
import dev.serverlesslab.server.WebAppConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training run the {@code lab} script records its class-data sharing archive from (a main class of its own, not a
 * command people run). It does what the first minute of {@code lab serve} does — start the emulator and the web app, answer the
 * outline, a lesson and an exercise page, grade the {@code hello-lambda} solution through the web API when learner code
 * can be confined here — so the classes those load are in the archive the next starts map instead of loading.
 */
public final class StartTraining {

    /** The exercise graded once; the lightest of the course, so the training stays short. */
    static final String EXERCISE = "hello-lambda";

    private static final Pattern LINK = Pattern.compile("href=\"(/(?:lessons|exercises)/[^\"?#/]+)\"");

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    StartTraining(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    /** Trains in {@code -Dlab.home} (its content folder) and exits 0, or 1 saying what failed. */
    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();
        try {
            new StartTraining(home, System.out, Confinement::detect).run();
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        } catch (InterruptedException e) {
            System.exit(1);
        }
        // The archive is written as the JVM exits; the emulator's threads must not keep it waiting.
        System.exit(0);
    }

    void run() throws IOException, InterruptedException {
        ServeCommand.logging(false);
        Path content = home.resolve("content");
        Path data = Files.createTempDirectory("lab-train-start-");
        Confinement confined = confinement.get();
        // serve's course cache: this start renders the course (the build is new) and keeps it, so the first serve
        // after a build reads it; the read below puts the reading classes in the archive too.
        Path courseCache = ServeCommand.courseCache(home);
        try (Backend backend = confined.embeddedBackend();
                WebApp app = WebApp.start(new WebAppConfig(content, data, "127.0.0.1", 0, backend, 1)
                        .cachingCourseIn(courseCache))) {
            CourseCache.in(courseCache).load(content);
            String base = "http://127.0.0.1:" + app.port();
            String outline = get(base + "/");
            List<String> pages = new ArrayList<>();
            Matcher links = LINK.matcher(outline);
            while (links.find() && pages.size() < 4) {
                pages.add(links.group(1));
            }
            for (String page : pages) {
                get(base + page);
            }
            get(base + "/exercises/" + EXERCISE);
            if (confined.confined()) {
                out.println("graded " + EXERCISE + ": " + grade(base, content.resolve("exercises").resolve(EXERCISE)));
            }
            out.println("trained on " + (pages.size() + 2) + " pages");
        } finally {
            BenchCommand.deleteQuietly(data);
        }
    }

    private String grade(String base, Path exercise) throws IOException, InterruptedException {
        Submission solution = Submission.fromDirectory(exercise.resolve("solution"));
        String form = StartBench.form(solution);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/exercises/" + EXERCISE
                        + "/submissions"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Sec-Fetch-Site", "same-origin")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        ObjectMapper json = new ObjectMapper();
        String status = json.readTree(created.body()).path("statusUrl").asText();
        long giveUp = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < giveUp) {
            JsonNode state = json.readTree(get(base + status));
            if (state.path("finished").asBoolean()) {
                return state.path("state").asText();
            }
            Thread.sleep(50);
        }
        return "no verdict within 2 minutes";
    }

    private String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException(url + " answered " + response.statusCode()));
        }
        return response.body();
    }
}
