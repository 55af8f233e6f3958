package dev.serverlesslab.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff pages: cohorts and join codes, roster import with one-time passwords, resets, instructors. */
class StaffPagesTests {

    private static final String PASSWORD = "correct horse battery";
    private static final Pattern ONE_TIME = Pattern.compile(
            "<code class=\"username\">([^<]+)</code>.*?<code class=\"one-time-password\">([^<]+)</code>", Pattern.DOTALL);

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private AccountStore accounts;
    private SignedInClient admin;
    private SignedInClient instructor;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.startClass(data, backend);
        accounts = app.app().accounts().orElseThrow();
        accounts.create("root", "The Admin", Role.ADMIN, null, PASSWORD, false);
        accounts.create("grace", "Grace Hopper", Role.INSTRUCTOR, null, PASSWORD, false);
        admin = new SignedInClient(app).signIn("root", PASSWORD);
        instructor = new SignedInClient(app).signIn("grace", PASSWORD);
    }

    @AfterEach
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void instructor_createsACohort_seesItsJoinCode_andClosesAndReopensIt() {
        HttpResponse<String> created = instructor.post("/staff/cohorts", Map.of("name", "Group A"));
        assertEquals(303, created.statusCode(), created.body());
        Cohort cohort = app.app().cohorts().orElseThrow().findByName("Group A").orElseThrow();
        assertTrue(cohort.joinCode().matches("[A-Z2-9]{4}-[A-Z2-9]{4}"), cohort.joinCode());
        String page = instructor.get(created.headers().firstValue("Location").orElseThrow()).body();
        assertTrue(page.contains(cohort.joinCode()), page);

        instructor.post("/staff/cohorts/" + cohort.id() + "/join", Map.of("open", "false"));
        assertFalse(app.app().cohorts().orElseThrow().find(cohort.id()).orElseThrow().joinOpen());
        instructor.post("/staff/cohorts/" + cohort.id() + "/join", Map.of("open", "true"));
        assertTrue(app.app().cohorts().orElseThrow().find(cohort.id()).orElseThrow().joinOpen());

        HttpResponse<String> again = instructor.post("/staff/cohorts", Map.of("name", "Group A"));
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("exists already"), again.body());
    }

    @Test
    void rosterImport_createsStudentsWithOneTimePasswords_theyMustChangeAtFirstSignIn() {
        Cohort a = app.app().cohorts().orElseThrow().create("Group A");
        app.app().cohorts().orElseThrow().create("Group B");
        HttpResponse<String> result = instructor.post("/staff/roster", Map.of("cohort", Long.toString(a.id()),
                "csv", "username,display name,cohort\nAda,\"Lovelace, Ada\"\nbob,Bob Builder,Group B\n"));

        assertEquals(200, result.statusCode(), result.body());
        assertEquals("no-store", result.headers().firstValue("Cache-Control").orElse(""));
        Matcher matcher = ONE_TIME.matcher(result.body());
        assertTrue(matcher.find(), result.body());
        assertEquals("ada", matcher.group(1));
        String adaPassword = matcher.group(2);
        assertTrue(matcher.find());
        assertEquals("bob", matcher.group(1));
        Account ada = accounts.findByUsername("ada").orElseThrow();
        assertEquals("Lovelace, Ada", ada.displayName());
        assertEquals(a.id(), ada.cohortId());
        assertEquals("Group B", app.app().cohorts().orElseThrow().find(
                accounts.findByUsername("bob").orElseThrow().cohortId()).orElseThrow().name());

        SignedInClient student = new SignedInClient(app);
        HttpResponse<String> signIn = student.post("/login", Map.of("username", "ada", "password", adaPassword));
        assertEquals("/account", signIn.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> elsewhere = student.get("/exercises/hello-lambda");
        assertEquals(303, elsewhere.statusCode());
        assertEquals("/account", elsewhere.headers().firstValue("Location").orElseThrow());
        student.post("/account", Map.of("current", adaPassword, "password", "my own password 1",
                "password2", "my own password 1"));
        assertEquals(200, student.get("/exercises/hello-lambda").statusCode());
    }

    @Test
    void rosterWithABadLine_importsNothing_andNamesTheLine() {
        accounts.create("taken", "Taken", Role.STUDENT, null, PASSWORD, false);
        HttpResponse<String> result = instructor.post("/staff/roster", Map.of("cohort", "",
                "csv", "ada,Ada\nx,Too Short\ntaken,Taken Again\nbob,Bob,No Such Group\nada,Ada Twice\n"));

        assertEquals(400, result.statusCode());
        String body = result.body();
        assertTrue(body.contains("Line 2: "), body);
        assertTrue(body.contains("Line 3: "), body);
        assertTrue(body.contains("has an account already"), body);
        assertTrue(body.contains("no cohort named"), body);
        assertTrue(body.contains("appears twice"), body);
        assertTrue(accounts.findByUsername("ada").isEmpty(), "nothing imported");
    }

    @Test
    void instructor_resetsAStudentsPassword_butNotAnInstructorsOrAnAdmins() {
        Account student = accounts.create("ada", "Ada", Role.STUDENT, null, PASSWORD, false);
        Account other = accounts.create("alan", "Alan", Role.INSTRUCTOR, null, PASSWORD, false);

        HttpResponse<String> reset = instructor.post("/staff/accounts/" + student.id() + "/reset-password", Map.of());
        assertEquals(200, reset.statusCode(), reset.body());
        Matcher matcher = ONE_TIME.matcher(reset.body());
        assertTrue(matcher.find());
        assertEquals(401, new SignedInClient(app).post("/login", Map.of("username", "ada", "password", PASSWORD))
                .statusCode(), "the old password is gone");
        assertTrue(accounts.verify("ada", matcher.group(2)).orElseThrow().mustChangePassword());

        assertEquals(403, instructor.post("/staff/accounts/" + other.id() + "/reset-password", Map.of()).statusCode());
        long adminId = accounts.findByUsername("root").orElseThrow().id();
        assertEquals(403, instructor.post("/staff/accounts/" + adminId + "/reset-password", Map.of()).statusCode());
        assertEquals(200, admin.post("/staff/accounts/" + other.id() + "/reset-password", Map.of()).statusCode());
    }

    @Test
    void passwordReset_sendsAStudentAlreadySignedIn_toThePasswordForm_atTheirNextRequest() {
        Account student = accounts.create("ada", "Ada", Role.STUDENT, null, PASSWORD, false);
        SignedInClient ada = new SignedInClient(app).signIn("ada", PASSWORD);
        assertEquals(200, ada.get("/exercises/hello-lambda").statusCode(), "signed in, account looked up once");

        instructor.post("/staff/accounts/" + student.id() + "/reset-password", Map.of());

        HttpResponse<String> next = ada.get("/exercises/hello-lambda");
        assertEquals(303, next.statusCode(), "the account is looked up from memory, refreshed by the reset");
        assertEquals("/account", next.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void onlyAnAdmin_createsInstructors() {
        HttpResponse<String> refused = instructor.post("/staff/instructors", Map.of("username", "alan",
                "displayName", "Alan Turing"));
        assertEquals(403, refused.statusCode());
        assertTrue(accounts.findByUsername("alan").isEmpty());

        HttpResponse<String> created = admin.post("/staff/instructors", Map.of("username", "alan",
                "displayName", "Alan Turing"));
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(Role.INSTRUCTOR, accounts.findByUsername("alan").orElseThrow().role());
        assertTrue(admin.get("/staff").body().contains("Alan Turing"));
        assertFalse(instructor.get("/staff").body().contains("Create instructor"));
    }
}
