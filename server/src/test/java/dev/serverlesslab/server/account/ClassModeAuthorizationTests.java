package dev.serverlesslab.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import java.net.HttpCookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class mode: who may see what. Two students (A and B) and an instructor; submissions are stored but never graded
 * (the backend is nowhere), which is all authorization needs.
 */
class ClassModeAuthorizationTests {

    private static final String PASSWORD = "correct horse battery";
    private static final String MARKER = "only-in-adas-submission";

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private SignedInClient studentA;
    private SignedInClient studentB;
    private SignedInClient instructor;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.startClass(data, backend);
        AccountStore accounts = app.app().accounts().orElseThrow();
        Cohort cohort = app.app().cohorts().orElseThrow().create("Group A");
        accounts.create("ada", "Ada Lovelace", Role.STUDENT, cohort.id(), PASSWORD, false);
        accounts.create("bob", "Bob Builder", Role.STUDENT, cohort.id(), PASSWORD, false);
        accounts.create("grace", "Grace Hopper", Role.INSTRUCTOR, null, PASSWORD, false);
        studentA = new SignedInClient(app).signIn("ada", PASSWORD);
        studentB = new SignedInClient(app).signIn("bob", PASSWORD);
        instructor = new SignedInClient(app).signIn("grace", PASSWORD);
    }

    @AfterEach
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void anotherStudent_cannotOpenASubmission_itsStatus_orEditFromIt_likeAnUnknownId() {
        String id = TestApp.submissionId(studentA.submit("hello-lambda", adasCode()));

        assertTrue(studentA.get("/exercises/hello-lambda?from=" + id).body().contains(MARKER), "A edits their own");
        for (String path : List.of("/submissions/" + id, "/submissions/" + id + "/status.json",
                "/exercises/hello-lambda?from=" + id)) {
            HttpResponse<String> response = studentB.get(path);
            assertEquals(404, response.statusCode(), path + ": " + response.body());
            assertFalse(response.body().contains(MARKER), path + " shows A's code: " + response.body());
            // Same answer as an id nobody has: an id tells nothing about whether it exists.
            String unknown = path.replace(id, id.substring(0, id.length() - 4) + "zzzz");
            assertEquals(404, studentB.get(unknown).statusCode(), unknown);
        }
    }

    /** The starter with a line only A's submission has, to look for wherever B might see it. */
    private static Map<String, String> adasCode() {
        Map<String, String> files = new java.util.HashMap<>(TestApp.starterFiles());
        String path = files.keySet().iterator().next();
        files.put(path, files.get(path) + "\n// " + MARKER + "\n");
        return files;
    }

    @Test
    void historyAndOutlineProgress_showOnlyTheViewersOwnAttempts() {
        String idA = TestApp.submissionId(studentA.submit("hello-lambda", TestApp.starterFiles()));

        String pageB = studentB.get("/exercises/hello-lambda").body();
        assertFalse(pageB.contains(idA), "B's exercise page lists A's attempt: " + pageB);
        assertTrue(studentA.get("/exercises/hello-lambda").body().contains(idA), "A sees their own attempt");
        String idB = TestApp.submissionId(studentB.submit("hello-lambda", TestApp.starterFiles()));
        assertTrue(studentB.get("/exercises/hello-lambda").body().contains(idB));
        assertFalse(studentA.get("/exercises/hello-lambda").body().contains(idB));
    }

    @Test
    void instructor_opensAStudentsSubmission_andItsStatus() {
        String id = TestApp.submissionId(studentA.submit("hello-lambda", TestApp.starterFiles()));

        assertEquals(200, instructor.get("/submissions/" + id).statusCode());
        assertEquals(200, instructor.get("/submissions/" + id + "/status.json").statusCode());
    }

    @Test
    void anonymous_getsTheLoginRedirectOr401_onEveryRouteThatIsNotPublic() throws Exception {
        String id = TestApp.submissionId(studentA.submit("hello-lambda", TestApp.starterFiles()));
        SignedInClient anonymous = new SignedInClient(app);
        List<String> routes = app.app().routes();
        assertTrue(routes.contains("GET /submissions/{submissionId}/status.json"), routes.toString());
        int checked = 0;
        for (String route : routes) {
            String method = route.substring(0, route.indexOf(' '));
            String pattern = route.substring(route.indexOf(' ') + 1);
            if (ClassModeGate.isPublic(pattern) || !(method.equals("GET") || method.equals("POST"))) {
                continue;
            }
            String path = pattern.replace("{submissionId}", id).replace("{exerciseId}", "hello-lambda")
                    .replace("{lessonId}", "hello").replaceAll("\\{[^}]+}", "1");
            HttpRequest.Builder request = app.request(path);
            HttpResponse<String> response = anonymous.send(method.equals("GET") ? request.GET().build()
                    : request.header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(TestApp.form(TestApp.starterFiles()))).build());
            if (path.endsWith(".json")) {
                assertEquals(401, response.statusCode(), route + ": " + response.body());
                assertEquals("Sign in first: this needs an account.",
                        new ObjectMapper().readTree(response.body()).path("error").asText(), route);
            } else {
                assertEquals(303, response.statusCode(), route + ": " + response.body());
                String location = response.headers().firstValue("Location").orElseThrow();
                assertTrue(location.startsWith("/login?next="), route + " -> " + location);
            }
            assertFalse(response.body().contains(id), route + " leaks the submission: " + response.body());
            checked++;
        }
        assertTrue(checked >= 8, "reached the app's routes, not just a few: " + routes);
        // Nothing was submitted anonymously.
        assertEquals(303, anonymous.get("/exercises/hello-lambda").statusCode());
    }

    @Test
    void anonymousJson_asksForJson_gets401WithAnError_notAPage() {
        HttpResponse<String> response = new SignedInClient(app).send(app.request("/")
                .header("Accept", "application/json").GET().build());

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void student_gets403_onEveryStaffRoute_andInstructorGetsIn() {
        List<String> staffRoutes = app.app().routes().stream().filter(route -> route.contains(" /staff")).toList();
        assertTrue(staffRoutes.size() >= 5, staffRoutes.toString());
        for (String route : staffRoutes) {
            String method = route.substring(0, route.indexOf(' '));
            String path = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "1");
            HttpResponse<String> response = method.equals("GET") ? studentA.get(path)
                    : studentA.post(path, Map.of("name", "Sneaky", "csv", "eve,Eve", "username", "eve", "open", "true"));
            assertEquals(403, response.statusCode(), route + ": " + response.body());
        }
        assertEquals(200, instructor.get("/staff").statusCode());
        assertTrue(app.app().cohorts().orElseThrow().findByName("Sneaky").isEmpty(), "the student created nothing");
        assertTrue(app.app().accounts().orElseThrow().findByUsername("eve").isEmpty());
    }

    @Test
    void sessionCookie_isHttpOnly_sameSiteLax_andNotSecureOnPlainHttp() {
        HttpResponse<String> response = new SignedInClient(app).post("/login",
                Map.of("username", "ada", "password", PASSWORD));

        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SignedInClient.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        String lower = setCookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("httponly"), setCookie);
        assertTrue(lower.contains("samesite=lax"), setCookie);
        // Plain HTTP here; over HTTPS (or --behind-proxy with X-Forwarded-Proto: https) Jetty adds Secure.
        assertFalse(lower.contains("secure"), setCookie);
    }

    @Test
    void signIn_rotatesTheSessionId_soAnIdFromBeforeSignInIsWorthless() {
        SignedInClient client = new SignedInClient(app);
        // A session made before sign-in: a failed attempt's form does not make one, so plant a cookie as an
        // attacker would, then sign in.
        client.send(app.request("/login").header("Cookie", SignedInClient.SESSION_COOKIE + "=planted0123456789")
                .GET().build());
        HttpResponse<String> response = client.send(app.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", SignedInClient.SESSION_COOKIE + "=planted0123456789")
                .POST(HttpRequest.BodyPublishers.ofString(SignedInClient.form(Map.of("username", "ada",
                        "password", PASSWORD)))).build());
        assertEquals(303, response.statusCode());
        String issued = client.sessionCookie().map(HttpCookie::getValue).orElseThrow();
        assertFalse(issued.startsWith("planted0123456789"), issued);

        String before = studentA.sessionCookie().map(HttpCookie::getValue).orElseThrow();
        studentA.signIn("ada", PASSWORD);
        String after = studentA.sessionCookie().map(HttpCookie::getValue).orElseThrow();
        assertNotEquals(before, after, "a second sign-in in the same browser gets a new id too");
        HttpResponse<String> withOldId = new SignedInClient(app).send(app.request("/")
                .header("Cookie", SignedInClient.SESSION_COOKIE + "=" + before).GET().build());
        assertEquals(303, withOldId.statusCode(), "the id from before the rotation signs nobody in");
    }

    @Test
    void logout_endsTheSessionOnTheServer_soTheOldCookieNoLongerWorks() {
        String cookie = studentA.sessionCookie().map(HttpCookie::getValue).orElseThrow();
        assertEquals(200, studentA.get("/").statusCode());

        HttpResponse<String> logout = studentA.post("/logout", Map.of());
        assertEquals(303, logout.statusCode());
        assertEquals("/login", logout.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> replay = new SignedInClient(app).send(app.request("/")
                .header("Cookie", SignedInClient.SESSION_COOKIE + "=" + cookie).GET().build());
        assertEquals(303, replay.statusCode(), "the cookie a thief copied before logout is dead too");
    }
}
