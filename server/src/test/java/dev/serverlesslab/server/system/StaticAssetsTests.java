package dev.serverlesslab.server.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.lessons.course.CourseLoader;
import dev.serverlesslab.server.TestApp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a learner's browser relies on to load pages fast: every stylesheet and script a page names is served
 * compressed (when it is worth compressing) and may be kept for a year without asking again, because its address
 * changes when it does; an outdated address is still answered but not kept; and the megabytes of mermaid are named
 * only by pages that hold a diagram, the editor's JSON mode only by exercises with a JSON file.
 */
class StaticAssetsTests {

    private static final Pattern ASSET = Pattern.compile(
            "(?:src|href|data-mermaid)=\"(/(?:static|markdown|webjars)/[^\"]+)\"");
    private static final Pattern DIAGRAM = Pattern.compile("<pre[^>]*class=\"[^\"]*mermaid");
    /** Javalin leaves smaller responses uncompressed: the header would cost more than it saves. */
    private static final int COMPRESSED_FROM_BYTES = 1500;

    @TempDir
    static Path data;
    private static TestApp app;
    private static final HttpClient RAW = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = TestApp.start(data, TestApp.nowhere());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyAssetAPageNames_isCompressedAndCachedForAYear() {
        Set<String> assets = new LinkedHashSet<>();
        List<String> pages = new ArrayList<>(List.of("/", "/exercises/hello-lambda", "/exercises/protected-api",
                "/search?q=lambda"));
        CourseLoader.load(TestApp.CONTENT).lessons().forEach(lesson -> pages.add("/lessons/" + lesson.id()));
        for (String page : pages) {
            HttpResponse<String> response = app.get(page);
            assertEquals(200, response.statusCode(), page);
            assets.addAll(assets(response.body()));
        }
        assertTrue(assets.stream().anyMatch(asset -> asset.startsWith("/static/css/lab.css?v=")), assets.toString());
        assertTrue(assets.stream().anyMatch(asset -> asset.startsWith("/markdown/style.css?v=")), assets.toString());
        assertTrue(assets.stream().anyMatch(asset -> asset.contains("mermaid.min.js")), "some lesson has a diagram");

        List<String> problems = new ArrayList<>();
        for (String asset : assets) {
            HttpResponse<byte[]> response = fetch(asset, null);
            if (response.statusCode() != 200) {
                problems.add(asset + ": HTTP " + response.statusCode());
                continue;
            }
            String cache = response.headers().firstValue("Cache-Control").orElse("");
            if (!cache.contains("max-age=31536000") || !cache.contains("immutable")) {
                problems.add(asset + ": Cache-Control " + cache);
            }
            byte[] plain = decoded(response);
            String encoding = response.headers().firstValue("Content-Encoding").orElse("identity");
            if (plain.length >= COMPRESSED_FROM_BYTES && !encoding.equals("gzip")) {
                problems.add(asset + ": " + plain.length + " bytes sent with Content-Encoding " + encoding);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void anOutdatedVersion_isStillServed_butRevalidatedEachTime() {
        String current = assets(app.get("/").body()).stream()
                .filter(asset -> asset.startsWith("/static/css/lab.css?v=")).findFirst().orElseThrow();
        HttpResponse<byte[]> stale = fetch("/static/css/lab.css?v=0123456789abcdef", null);
        assertEquals(200, stale.statusCode());
        assertEquals("no-cache", stale.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(new String(decoded(fetch(current, null))), new String(decoded(stale)), "the same file");

        HttpResponse<byte[]> markdown = fetch("/markdown/script.js", null);
        assertEquals("no-cache", markdown.headers().firstValue("Cache-Control").orElse(""));
        String etag = markdown.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> unchanged = fetch("/markdown/script.js", etag);
        assertEquals(304, unchanged.statusCode(), "unchanged: nothing sent again");
        // RFC 9110 8.6: a 304 carries no Content-Length, or the length the 200 would have had; never 0.
        assertEquals(String.valueOf(markdown.body().length), unchanged.headers().firstValue("Content-Length")
                .orElse(String.valueOf(markdown.body().length)));
    }

    @Test
    void mermaid_isNamedOnlyByPagesWithADiagram() {
        List<String> pages = new ArrayList<>();
        CourseLoader.load(TestApp.CONTENT).lessons().forEach(lesson -> pages.add("/lessons/" + lesson.id()));
        ExerciseCatalog.load(TestApp.CONTENT).all().forEach(exercise -> pages.add("/exercises/" + exercise.id()));
        int withDiagram = 0;
        List<String> problems = new ArrayList<>();
        for (String page : pages) {
            String html = app.get(page).body();
            boolean diagram = DIAGRAM.matcher(html).find();
            withDiagram += diagram ? 1 : 0;
            if (diagram != html.contains("mermaid.min.js")) {
                problems.add(page + (diagram ? ": a diagram, but mermaid is not named" : ": mermaid without a diagram"));
            }
            // Named for lesson.js to load after the page is shown, never as a script of the page itself.
            if (html.contains("<script src=\"/webjars/mermaid")) {
                problems.add(page + ": mermaid loaded as a page script");
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(withDiagram > 0 && withDiagram < pages.size(), "both kinds of page are checked: " + withDiagram);
    }

    @Test
    void theEditorsJsonMode_isLoadedOnlyForAnExerciseWithAJsonFile() {
        assertFalse(app.get("/exercises/hello-lambda").body().contains("mode/javascript/"));
        assertTrue(app.get("/exercises/protected-api").body().contains("mode/javascript/javascript.js"),
                "protected-api's learner writes an IAM policy in JSON");
    }

    private static Set<String> assets(String html) {
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = ASSET.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1).replace("&amp;", "&"));
        }
        return found;
    }

    private static HttpResponse<byte[]> fetch(String path, String ifNoneMatch) {
        HttpRequest.Builder request = app.request(path).header("Accept-Encoding", "gzip");
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        try {
            return RAW.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static byte[] decoded(HttpResponse<byte[]> response) {
        if (!"gzip".equals(response.headers().firstValue("Content-Encoding").orElse(""))) {
            return response.body();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
