package dev.serverlesslab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One person's HTTP client for a class-mode {@link TestApp}: keeps its own cookies like a browser profile, so two of
 * these are two people. Follows no redirects, so tests see them.
 */
public final class SignedInClient {

    public static final String SESSION_COOKIE = "lab_session";
    private static final Duration GRADING_DEADLINE = Duration.ofMinutes(4);

    private final TestApp app;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public SignedInClient(TestApp app) {
        this.app = app;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** Signs in through the form and checks it worked (303 away from the form). */
    public SignedInClient signIn(String username, String password) {
        HttpResponse<String> response = post("/login", Map.of("username", username, "password", password));
        assertEquals(303, response.statusCode(), "sign-in of " + username + " failed: " + response.body());
        return this;
    }

    public HttpResponse<String> get(String path) {
        return send(app.request(path).GET().build());
    }

    /** A form post as a same-origin page sends it. */
    public HttpResponse<String> post(String path, Map<String, String> form) {
        return send(app.request(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "http://127.0.0.1:" + app.port())
                .POST(HttpRequest.BodyPublishers.ofString(form(form)))
                .build());
    }

    /** Posts the editor form for these files. */
    public HttpResponse<String> submit(String exerciseId, Map<String, String> files) {
        return send(app.request("/exercises/" + exerciseId + "/submissions")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestApp.form(files)))
                .build());
    }

    /** Polls status.json until the grading is over. */
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
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return fail("submission " + submissionId + " was not graded within " + GRADING_DEADLINE + "; last: " + status);
    }

    /** The session cookie this client holds, if any. */
    public Optional<HttpCookie> sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals(SESSION_COOKIE)).findFirst();
    }

    /** Sends any request with this client's cookies. */
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

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
