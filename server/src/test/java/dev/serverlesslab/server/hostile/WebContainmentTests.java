package dev.serverlesslab.server.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.submission.SubmissionLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
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
        app.close();
        backend.close();
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
        for (String path : new String[] {"/", "/static/css/lab.css", "/no-such-page",
                "/webjars/highlightjs/11.11.1/highlight.min.js"}) {
            HttpResponse<String> response = app.get(path);
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
        Path submissions = data.resolve("submissions");
        if (!Files.isDirectory(submissions)) {
            return 0;
        }
        try (Stream<Path> children = Files.list(submissions)) {
            return children.count();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
