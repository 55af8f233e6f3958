package dev.serverlesslab.server.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.server.SignedInClient;
import dev.serverlesslab.server.TestApp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** In class mode nobody anonymous reaches a draft: pages are sent to sign in, the editor's JSON calls get 401. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassModeDraftTests {

    private Backend backend;
    private TestApp app;

    @BeforeAll
    void start(@TempDir Path data) {
        backend = TestApp.nowhere();
        app = TestApp.startClass(data, backend);
    }

    @AfterAll
    void stop() {
        app.close();
        backend.close();
    }

    @Test
    void anonymous_isSentToTheLoginPage_orGets401AsJson_forEveryDraftMethod() {
        SignedInClient anonymous = new SignedInClient(app);
        String body = "{\"files\": {\"example/Hello.java\": \"class Hello {}\"}}";
        for (String method : new String[] {"GET", "PUT", "DELETE"}) {
            HttpRequest.BodyPublisher publisher = method.equals("PUT")
                    ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody();
            HttpResponse<String> page = anonymous.send(app.request("/exercises/hello-lambda/draft")
                    .header("Content-Type", "application/json").method(method, publisher).build());
            assertEquals(303, page.statusCode(), method);
            assertTrue(page.headers().firstValue("Location").orElseThrow().startsWith("/login?next="), method);

            HttpResponse<String> json = anonymous.send(app.request("/exercises/hello-lambda/draft")
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, publisher).build());
            assertEquals(401, json.statusCode(), method);
            assertTrue(json.body().contains("\"error\""), json.body());
        }
    }
}
