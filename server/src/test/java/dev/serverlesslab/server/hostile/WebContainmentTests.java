package dev.serverlesslab.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import dev.serverlesslab.server.submission.SubmissionLimits;
import dev.serverlesslab.server.submission.SubmissionState;
import dev.serverlesslab.server.submission.SubmissionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile requests against the real web app: other web sites driving the learner's browser, malformed and oversized
 * bodies, and markup smuggled into every field a learner controls. Each must be refused or neutralised, with a
 * message, and leave nothing stored.
 */
class WebContainmentTests {

    private static final String SUBMIT = "/exercises/hello-lambda/submissions";
    private static final String MARKUP = "\"'><img src=x onerror=alert(1)><script>alert(1)</script>";
    private static final String ESCAPED = "&quot;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;alert(1)"
            + "&lt;/script&gt;";

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.start(data, backend);
    }

    @AfterEach
    void stop() {
        try {
            assertEquals(200, app.get("/").statusCode(), "the server still serves pages after the hostile request");
        } finally {
            app.close();
            backend.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross-site", "same-site"})
    void postFromAnotherSite_isRefused403WithAMessage_andStoresNothing(String fetchSite) {
        HttpResponse<String> response = app.send(formPost(TestApp.form(TestApp.starterFiles()))
                .header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", fetchSite)
                .build());

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("came from another web site"), response.body());
        assertEquals(0, storedCount());
    }

    @Test
    void postWithAForeignOrigin_fromABrowserWithoutFetchMetadata_isRefused() {
        HttpResponse<String> response = app.send(formPost(TestApp.form(TestApp.starterFiles()))
                .header("Origin", "http://localhost.evil.example:" + app.port())
                .build());

        assertEquals(403, response.statusCode(), response.body());
        assertEquals(0, storedCount());
    }

    @Test
    void postFromASandboxedFrame_withOriginNull_isRefused() {
        HttpResponse<String> response = app.send(formPost(TestApp.form(TestApp.starterFiles()))
                .header("Origin", "null")
                .build());

        assertEquals(403, response.statusCode(), response.body());
        assertEquals(0, storedCount());
    }

    @Test
    void postFromTheEditorPage_withTheHeadersABrowserSends_isAccepted() {
        HttpResponse<String> response = app.send(formPost(TestApp.form(TestApp.starterFiles()))
                .header("Origin", "http://127.0.0.1:" + app.port())
                .header("Sec-Fetch-Site", "same-origin")
                .build());

        assertEquals(303, response.statusCode(), response.body());
        assertEquals(1, storedCount());
    }

    @Test
    void requestUnderAReboundDnsName_isRefused403() throws IOException {
        String response = raw("GET / HTTP/1.1\r\nHost: attacker.example:" + app.port() + "\r\nConnection: close\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 403"), response);
        assertTrue(response.contains("only answers to localhost"), response);
    }

    @Test
    void everyResponse_carriesTheSecurityHeaders() {
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (String path : new String[] {"/", "/static/css/lab.css", "/no-such-page",
                "/webjars/highlightjs/11.11.1/highlight.min.js"}) {
            responses.add(app.get(path));
        }
        responses.add(app.send(formPost("x=1").header("Sec-Fetch-Site", "cross-site").build()));
        for (HttpResponse<String> response : responses) {
            String path = response.request().method() + " " + response.uri().getPath() + " " + response.statusCode();
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertTrue("DENY".equalsIgnoreCase(response.headers().firstValue("X-Frame-Options").orElse("")), path);
            assertTrue(response.headers().firstValue("Referrer-Policy").isPresent(), path);
        }
    }

    @Test
    void brokenMultipartBody_answers400WithAMessage() {
        HttpResponse<String> response = app.send(app.request(SUBMIT)
                .header("Content-Type", "multipart/form-data; boundary=XYZ")
                .POST(HttpRequest.BodyPublishers.ofString("--XYZ\r\nContent-Disposition: form-data; name=\"file:a"))
                .build());

        assertClientError(response);
    }

    @Test
    void unknownCharset_answers4xxWithAMessage() {
        HttpResponse<String> response = app.send(app.request(SUBMIT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=x-no-such-charset")
                .POST(HttpRequest.BodyPublishers.ofString(TestApp.form(TestApp.starterFiles())))
                .build());

        assertClientError(response);
    }

    @Test
    void brokenPercentEncoding_answers400WithAMessage() {
        HttpResponse<String> response = app.send(formPost("file%3Aexample%2FA.java=%ZZ%").build());

        assertClientError(response);
    }

    @Test
    void invalidUtf8InASource_answers400WithAMessage() {
        HttpResponse<String> response = app.send(
                formPost("file%3Aexample%2FA.java=class%20A%20%7B%7D%20%2F%2F%20%FF%FE").build());

        assertClientError(response);
        assertTrue(response.body().contains("not UTF-8"), response.body());
    }

    @Test
    void validUtf8BeyondAscii_isStoredAsWritten() {
        String path = TestApp.starterFiles().keySet().iterator().next();
        String source = "class A {} // café, 日本, \uD83D\uDE00\n";

        String id = TestApp.submissionId(app.submit("hello-lambda", Map.of(path, source)));

        assertEquals(source, new SubmissionStore(data, Clock.systemUTC()).sources(id).files().get(path));
    }

    @Test
    void overLongFileName_answers400NamingTheLimit() {
        HttpResponse<String> response = app.submit("hello-lambda", Map.of("example/" + "A".repeat(5_000) + ".java",
                "class A {}"));

        assertClientError(response);
    }

    @Test
    void tooManyFiles_answers400() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < 3_000; i++) {
            files.put("example/A" + i + ".java", "class A" + i + " {}");
        }
        HttpResponse<String> response = app.submit("hello-lambda", files);

        assertClientError(response);
    }

    @Test
    void bodyOverTheSizeLimit_answers413() {
        HttpResponse<String> response = app.send(formPost("file%3Aexample%2FA.java=" + "a".repeat(5 * 1024 * 1024)).build());

        assertEquals(413, response.statusCode(), response.body());
        assertEquals(0, storedCount());
    }

    @Test
    void floodOfSubmissions_isRefused429WithRetryAfter_andTheRefusedOnesAreNotStored() {
        int accepted = 0;
        HttpResponse<String> refused = null;
        for (int i = 0; i <= SubmissionLimits.MAX_PER_MINUTE; i++) {
            HttpResponse<String> response = app.submit("hello-lambda", TestApp.starterFiles());
            if (response.statusCode() == 303) {
                accepted++;
            } else {
                assertEquals(429, response.statusCode(), response.body());
                refused = response;
            }
        }

        assertTrue(accepted >= SubmissionLimits.MAX_WAITING, "the first few are taken: " + accepted);
        assertTrue(refused != null, "the flood was limited");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertTrue(refused.body().contains("Try again in") || refused.body().contains("Wait for one"), refused.body());
        assertEquals(accepted, storedCount());
    }

    @Test
    void markupInEveryFieldALearnerControls_isShownEscaped() {
        String path = TestApp.starterFiles().keySet().iterator().next();
        String id = TestApp.submissionId(app.submit("hello-lambda",
                Map.of(path, "class A {} // </textarea>" + MARKUP)));
        app.awaitFinished(id);
        SubmissionStore store = new SubmissionStore(data, Clock.systemUTC());
        // A finished report carrying markup in the check name, message, hint, diagnostics, log, REPORT lines, stage
        // detail and summary: everything a handler's output or a check's assertion can put on the page.
        store.saveReport(id, new GradingReport("hello-lambda", Status.FAILED, "summary " + MARKUP,
                List.of(new StageResult(Stage.CHECK, Status.FAILED, 5, "detail " + MARKUP)),
                List.of(new CheckResult("name " + MARKUP, Status.FAILED, "expected payload " + MARKUP, 5, 0, 1,
                        "hint " + MARKUP, false)),
                List.of("A.java:1: " + MARKUP), "log " + MARKUP, List.of("REPORT " + MARKUP), 20));
        store.save(store.find(id).orElseThrow().with(SubmissionState.DONE, null));
        // A check's hint shows once the learner opens it.
        assertEquals(303, app.send(app.request("/submissions/" + id + "/checks/1/hints/next")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build()).statusCode());

        HttpResponse<String> result = app.get("/submissions/" + id);
        assertEscaped(result);
        for (String field : List.of("summary ", "detail ", "name ", "expected payload ", "hint ", "A.java:1: ", "log ",
                "REPORT ")) {
            assertTrue(result.body().contains(field + ESCAPED), field + "is shown, escaped:\n" + result.body());
        }
        HttpResponse<String> editor = app.get("/exercises/hello-lambda?from=" + id);
        assertEscaped(editor);
        assertTrue(editor.body().contains("&lt;/textarea&gt;" + ESCAPED), editor.body());
        String inUrl = URLEncoder.encode(MARKUP, StandardCharsets.UTF_8).replace("+", "%20");
        assertEscaped(app.get("/exercises/" + inUrl));
        assertEscaped(app.get("/lessons/" + inUrl));
        assertEscaped(app.get("/submissions/" + inUrl));
        assertEscaped(app.get("/exercises/hello-lambda?from=" + inUrl));
        assertEscaped(app.submit(inUrl, TestApp.starterFiles()));
        HttpResponse<String> badName = app.submit("hello-lambda", Map.of("example/" + MARKUP + ".java", "class A {}"));
        assertEquals(400, badName.statusCode());
        assertEscaped(badName);
    }

    @Test
    void statusJson_isServedAsJsonThatBrowsersMayNotSniffAsHtml() {
        String id = TestApp.submissionId(app.submit("hello-lambda", TestApp.starterFiles()));

        HttpResponse<String> status = app.get("/submissions/" + id + "/status.json");

        assertTrue(status.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("nosniff", status.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    private static void assertEscaped(HttpResponse<String> response) {
        String body = response.body();
        assertFalse(body.contains("<script>alert"), response.uri() + " shows the script unescaped:\n" + body);
        assertFalse(body.contains("<img src=x"), response.uri() + " shows the image tag unescaped:\n" + body);
        assertFalse(body.contains("'><img"), response.uri() + " lets a quote leave an attribute:\n" + body);
    }

    @Test
    void overLongUrlAndHeaders_areRefusedWithA4xx_notA500() throws IOException {
        String longUrl = raw("GET /exercises/" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        String longHeader = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: " + "b".repeat(100_000)
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(longUrl.matches("(?s)HTTP/1.1 4\\d\\d .*"), longUrl.lines().findFirst().orElse(""));
        assertTrue(longHeader.matches("(?s)HTTP/1.1 4\\d\\d .*"), longHeader.lines().findFirst().orElse(""));
    }

    private HttpRequest.Builder formPost(String body) {
        return app.request(SUBMIT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private void assertClientError(HttpResponse<String> response) {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                "a 4xx, got " + response.statusCode() + ": " + response.body());
        assertFalse(response.body().contains("Exception"), response.body());
        assertFalse(response.body().contains("Something went wrong"), response.body());
        assertEquals(0, storedCount());
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private long storedCount() {
        return new SubmissionStore(data, Clock.systemUTC()).count();
    }
}
