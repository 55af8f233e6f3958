package dev.serverlesslab.server.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.ContentCopy;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import dev.serverlesslab.server.account.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload on a class server ({@code serve --class --watch}): the event stream is behind sign-in like every page,
 * and a content problem (file names and lines of the course) is shown to staff, not to students.
 */
class ClassModeLiveReloadTests {

    private static final String PASSWORD = "tulip-rocket-47";
    private static final String BANNER = "The course content has a problem";

    @TempDir
    Path temp;
    private TestApp app;

    @BeforeEach
    void start() {
        app = TestApp.startClassWatching(ContentCopy.of(temp), temp.resolve("data"), TestApp.nowhere());
        app.app().accounts().orElseThrow().create("ada", "Ada Lovelace", Role.STUDENT, null, PASSWORD, false);
        app.app().accounts().orElseThrow().create("turing", "Alan Turing", Role.INSTRUCTOR, null, PASSWORD, false);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void anonymousRequests_forTheEventStream_areSentToSignIn() {
        HttpResponse<String> response = app.send(app.request("/_watch/events")
                .header("Accept", "text/event-stream").GET().build());

        assertEquals(303, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Location").orElse("").startsWith("/login"));
    }

    @Test
    void aContentProblem_isShownToStaff_butNotToStudents() throws IOException {
        SignedInClient student = new SignedInClient(app).signIn("ada", PASSWORD);
        SignedInClient staff = new SignedInClient(app).signIn("turing", PASSWORD);
        Files.writeString(temp.resolve("content/exercises/hello-lambda/exercise.yml"), "title: [unclosed\n");

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> staff.get("/").body().contains(BANNER));

        String studentPage = student.get("/").body();
        assertFalse(studentPage.contains(BANNER), studentPage);
        assertFalse(studentPage.contains("exercise.yml"), studentPage);
        assertTrue(studentPage.contains("/static/js/watch.js"), "students' pages still reload on a good change");
    }
}
