package dev.serverlesslab.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in, sign-up, sign-out and password changes over HTTP, in class mode. */
class AccountPagesTests {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path data;
    private Backend backend;
    private TestApp app;
    private AccountStore accounts;
    private Cohort cohort;

    @BeforeEach
    void start() {
        backend = TestApp.nowhere();
        app = TestApp.startClass(data, backend);
        accounts = app.app().accounts().orElseThrow();
        cohort = app.app().cohorts().orElseThrow().create("Group A");
        accounts.create("ada", "Ada Lovelace", Role.STUDENT, cohort.id(), PASSWORD, false);
    }

    @AfterEach
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void loginPage_andItsStylesheet_areOpenToAnonymous() {
        SignedInClient anonymous = new SignedInClient(app);
        assertEquals(200, anonymous.get("/login").statusCode());
        assertEquals(200, anonymous.get("/signup").statusCode());
        assertEquals(200, anonymous.get("/static/css/lab.css").statusCode(), "the sign-in page is styled");
    }

    @Test
    void wrongPassword_andUnknownUser_getTheSameMessage_andNoSession() {
        SignedInClient client = new SignedInClient(app);
        HttpResponse<String> wrong = client.post("/login", Map.of("username", "ada", "password", "wrong password!"));
        HttpResponse<String> unknown = client.post("/login", Map.of("username", "nobody", "password", PASSWORD));

        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertTrue(wrong.body().contains(AccountPages.WRONG), wrong.body());
        assertTrue(unknown.body().contains(AccountPages.WRONG), unknown.body());
        assertTrue(client.sessionCookie().isEmpty(), "a failed sign-in makes no session");
        assertEquals(303, client.get("/").statusCode());
    }

    @Test
    void signIn_isCaseInsensitiveInTheUsername_andGoesToNext() {
        HttpResponse<String> response = new SignedInClient(app).post("/login",
                Map.of("username", "  ADA ", "password", PASSWORD, "next", "/exercises/hello-lambda?x=1"));

        assertEquals(303, response.statusCode(), response.body());
        assertEquals("/exercises/hello-lambda?x=1", response.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void next_pointingToAnotherSite_goesToTheOutlineInstead() {
        for (String next : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example", "evil"}) {
            HttpResponse<String> response = new SignedInClient(app).post("/login",
                    Map.of("username", "ada", "password", PASSWORD, "next", next));
            assertEquals("/", response.headers().firstValue("Location").orElseThrow(), next);
        }
    }

    @Test
    void fiveFailures_thenEvenTheRightPassword_gets429WithRetryAfter() {
        SignedInClient client = new SignedInClient(app);
        for (int i = 0; i < LoginThrottle.PER_USERNAME; i++) {
            assertEquals(401, client.post("/login", Map.of("username", "ada", "password", "guess number " + i))
                    .statusCode());
        }

        HttpResponse<String> refused = client.post("/login", Map.of("username", "ada", "password", PASSWORD));
        assertEquals(429, refused.statusCode());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= LoginThrottle.WINDOW.toSeconds() + 1, "Retry-After " + retryAfter);
        assertTrue(refused.body().contains("Too many failed sign-ins"), refused.body());
        assertTrue(client.sessionCookie().isEmpty());
    }

    @Test
    void signUp_withTheJoinCode_createsAStudentInThatCohort_andSignsIn() {
        SignedInClient client = new SignedInClient(app);
        HttpResponse<String> response = client.post("/signup", Map.of("code", cohort.joinCode().toLowerCase(),
                "username", "Bob", "displayName", "Bob <b>Builder</b>", "password", PASSWORD, "password2", PASSWORD));

        assertEquals(303, response.statusCode(), response.body());
        Account bob = accounts.findByUsername("bob").orElseThrow();
        assertEquals(Role.STUDENT, bob.role());
        assertEquals(cohort.id(), bob.cohortId());
        String outline = client.get("/").body();
        assertTrue(outline.contains("Bob &lt;b&gt;Builder&lt;/b&gt;"), "the name is escaped in the menu: " + outline);
    }

    @Test
    void signUp_withUnknownOrClosedCode_orDifferentPasswords_saysWhatIsWrong_andCreatesNothing() {
        SignedInClient client = new SignedInClient(app);
        HttpResponse<String> unknown = client.post("/signup", Map.of("code", "ZZZZ-ZZZZ", "username", "bob",
                "password", PASSWORD, "password2", PASSWORD));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("No class has the join code"), unknown.body());

        HttpResponse<String> differ = client.post("/signup", Map.of("code", cohort.joinCode(), "username", "bob",
                "password", PASSWORD, "password2", PASSWORD + "x"));
        assertTrue(differ.body().contains("The two passwords differ"), differ.body());

        HttpResponse<String> weak = client.post("/signup", Map.of("code", cohort.joinCode(), "username", "bob",
                "password", "short", "password2", "short"));
        assertTrue(weak.body().contains("too short"), weak.body());

        app.app().cohorts().orElseThrow().setJoinOpen(cohort.id(), false);
        HttpResponse<String> closed = client.post("/signup", Map.of("code", cohort.joinCode(), "username", "bob",
                "password", PASSWORD, "password2", PASSWORD));
        assertEquals(400, closed.statusCode());
        assertTrue(closed.body().contains("is closed"), closed.body());
        assertTrue(accounts.findByUsername("bob").isEmpty());
    }

    @Test
    void changePassword_needsTheCurrentOne_andTheNewOneWorksAfterwards() {
        SignedInClient client = new SignedInClient(app).signIn("ada", PASSWORD);
        String newPassword = "violet submarine 9";

        HttpResponse<String> wrongCurrent = client.post("/account", Map.of("current", "not it at all",
                "password", newPassword, "password2", newPassword));
        assertTrue(wrongCurrent.body().contains("The current password is wrong"), wrongCurrent.body());

        HttpResponse<String> changed = client.post("/account", Map.of("current", PASSWORD,
                "password", newPassword, "password2", newPassword));
        assertEquals(200, changed.statusCode());
        assertTrue(changed.body().contains("Your password is changed"), changed.body());
        assertEquals(401, new SignedInClient(app).post("/login", Map.of("username", "ada", "password", PASSWORD))
                .statusCode());
        new SignedInClient(app).signIn("ada", newPassword);
    }

    @Test
    void crossSitePosts_toLoginLogoutSignupAndStaff_areRefused() {
        accounts.create("grace", "Grace", Role.INSTRUCTOR, null, PASSWORD, false);
        SignedInClient staff = new SignedInClient(app).signIn("grace", PASSWORD);
        for (String path : new String[] {"/login", "/logout", "/signup", "/account", "/staff/cohorts", "/staff/roster"}) {
            HttpResponse<String> response = staff.send(app.request(path)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "https://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=x&name=Evil&csv=eve,Eve"))
                    .build());
            assertEquals(403, response.statusCode(), path + ": " + response.body());
        }
        assertTrue(app.app().cohorts().orElseThrow().findByName("Evil").isEmpty());
        assertEquals(200, staff.get("/staff").statusCode(), "the cross-site logout did not sign her out");
    }

    @Test
    void behindAProxy_anHttpsRequest_getsASecureCookie_andLimitsCountTheForwardedAddress() {
        app.close();
        app = TestApp.startClass(data, backend, true);
        SignedInClient client = new SignedInClient(app);
        HttpResponse<String> response = client.send(app.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-For", "203.0.113.7")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=" + PASSWORD.replace(' ', '+')))
                .build());

        assertEquals(303, response.statusCode(), response.body());
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(SignedInClient.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("secure"), setCookie);

        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
            client.send(app.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Forwarded-For", "203.0.113.8")
                    .POST(HttpRequest.BodyPublishers.ofString("username=user" + i + "&password=wrong+guess+x"))
                    .build());
        }
        HttpResponse<String> sprayer = client.send(app.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "203.0.113.8")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=" + PASSWORD.replace(' ', '+')))
                .build());
        assertEquals(429, sprayer.statusCode(), "the forwarded address that sprayed usernames is held back");
        HttpResponse<String> classmate = client.send(app.request("/login")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", "203.0.113.9")
                .POST(HttpRequest.BodyPublishers.ofString("username=ada&password=" + PASSWORD.replace(' ', '+')))
                .build());
        assertEquals(303, classmate.statusCode(), "another address behind the same proxy is not");
    }

    @Test
    void userMenu_namesTheAccount_andOffersLogOut_andStaffLinkOnlyForStaff() {
        String page = new SignedInClient(app).signIn("ada", PASSWORD).get("/").body();
        assertTrue(page.contains("Ada Lovelace"), page);
        assertTrue(page.contains("action=\"/logout\""), page);
        assertFalse(page.contains("href=\"/staff\""), "students get no staff link");
    }
}
