package dev.serverlesslab.graders.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A backend started in the background ({@code lab serve}'s embedded emulator, started once pages can be served): a
 * grading that comes first waits for it, a failed start fails every use with its reason, and one never used is never
 * started.
 */
class BackgroundBackendTests {

    private static final URI ENDPOINT = URI.create("http://127.0.0.1:9");

    @Test
    void useBeforeTheStartIsOver_waitsForIt_andReachesTheStartedBackend() throws Exception {
        CompletableFuture<Void> mayStart = new CompletableFuture<>();
        BackgroundBackend backend = new BackgroundBackend(() -> {
            mayStart.join();
            return Backend.endpoint(ENDPOINT);
        });

        CompletableFuture<URI> used = CompletableFuture.supplyAsync(backend::endpoint);
        mayStart.complete(null);

        assertEquals(ENDPOINT, used.get());
        backend.started().get();
        backend.close();
    }

    @Test
    void prepareFor_beginsTheStart_once() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        BackgroundBackend backend = new BackgroundBackend(() -> {
            starts.incrementAndGet();
            return Backend.endpoint(ENDPOINT);
        });

        backend.prepareFor(List.of());
        backend.started().get();
        assertEquals("endpoint", backend.name());
        backend.prepareFor(List.of());

        assertEquals(1, starts.get());
        backend.close();
    }

    @Test
    void failedStart_failsEveryUse_withItsReason() {
        BackgroundBackend backend = new BackgroundBackend(() -> {
            throw new IllegalStateException("no free port on 127.0.0.1");
        });

        BackendUnavailableException e = assertThrows(BackendUnavailableException.class, backend::newAccount);
        assertTrue(e.getMessage().contains("no free port on 127.0.0.1"), e.getMessage());
        CompletionException failed = assertThrows(CompletionException.class, () -> backend.started().join());
        assertInstanceOf(IllegalStateException.class, failed.getCause());
        backend.close();
    }

    @Test
    void close_ofABackendNeverUsed_startsNothing() {
        AtomicInteger starts = new AtomicInteger();
        BackgroundBackend backend = new BackgroundBackend(() -> {
            starts.incrementAndGet();
            return Backend.endpoint(ENDPOINT);
        });

        backend.close();

        assertEquals(0, starts.get());
    }
}
