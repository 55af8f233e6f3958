package dev.serverlesslab.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.content.ContentException;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebAppTests {

    @TempDir
    Path data;

    @Test
    void start_withBrokenContent_failsWithTheContentProblem() {
        Path missing = data.resolve("no-content-here");
        try (Backend backend = TestApp.nowhere()) {
            ContentException e = assertThrows(ContentException.class,
                    () -> WebApp.start(new WebAppConfig(missing, data, "127.0.0.1", 0, backend)));

            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "says what is wrong");
        }
    }

    @Test
    void start_onPortZero_servesPagesAndStylesheet_andCloseStopsServing() {
        int port;
        try (Backend backend = TestApp.nowhere(); TestApp app = TestApp.start(data, backend)) {
            port = app.port();
            assertTrue(port > 0);
            HttpResponse<String> css = app.get("/static/css/lab.css");
            assertEquals(200, css.statusCode());
            assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
            assertEquals(200, app.get("/static/js/progress.js").statusCode());
        }
        assertFalse(listening(port), "nothing listens on " + port + " after close");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
