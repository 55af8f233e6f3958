package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.Sleeper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool of one function's environments, with real child JVMs. */
class EnvironmentPoolTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    @TempDir
    Path dir;
    private final ExecutorService apiThreads = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final FunctionLog log = new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES);
    private RuntimeSettings settings;

    @BeforeEach
    void prepare() throws IOException {
        FunctionZips.unpack(dir.resolve("task"), Sleeper.class);
        settings = new RuntimeSettings(RuntimeSettings.currentJava(), RuntimeClasspath.prepare(dir.resolve("rt")),
                dir.resolve("rt"), null, "http://127.0.0.1:4566");
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        apiThreads.shutdownNow();
    }

    @Test
    void invoke_concurrently_startsAnotherEnvironmentForEachBusyOne() throws Exception {
        try (EnvironmentPool pool = new EnvironmentPool(spec(), settings, SANDBOX, apiThreads, log, 3)) {
            List<CompletableFuture<InvocationResult>> calls = List.of(sleep(pool, 700), sleep(pool, 700));

            String first = payload(calls.get(0).get());
            String second = payload(calls.get(1).get());

            assertNotEquals(first, second, "both invocations ran in the same JVM at once");
            assertEquals(2, pool.pids().size());
            String third = payload(sleep(pool, 0).get());
            assertTrue(third.equals(first) || third.equals(second), "an idle environment was not reused");
        }
    }

    @Test
    void invoke_beyondTheConcurrencyLimit_failsWithTooManyRequests() throws Exception {
        try (EnvironmentPool pool = new EnvironmentPool(spec(), settings, SANDBOX, apiThreads, log, 1)) {
            CompletableFuture<InvocationResult> busy = sleep(pool, 3000);
            awaitBusy(pool);

            AwsException error = assertThrows(AwsException.class, () -> pool.invoke(input(0)));

            assertEquals("TooManyRequestsException", error.code());
            assertEquals(429, error.httpStatus());
            assertFalse(busy.get().failed());
        }
    }

    @Test
    void reapIdle_stopsEnvironmentsUnusedForLongerThanTheLimit() throws Exception {
        try (EnvironmentPool pool = new EnvironmentPool(spec(), settings, SANDBOX, apiThreads, log, 2)) {
            sleep(pool, 0).get();
            long pid = pool.pids().get(0);

            assertEquals(1, pool.reapIdle(Duration.ZERO));

            assertEquals(List.of(), pool.pids());
            assertTrue(ProcessHandle.of(pid).map(handle -> handle.onExit().join()).map(h -> !h.isAlive()).orElse(true));
        }
    }

    private FunctionSpec spec() {
        return new FunctionSpec("000000000000", "us-east-1", "sleeper",
                "arn:aws:lambda:us-east-1:000000000000:function:sleeper", "java17", "fixtures.Sleeper::handle", 128,
                10, Map.of(), dir.resolve("task"), dir.resolve("environments"));
    }

    private CompletableFuture<InvocationResult> sleep(EnvironmentPool pool, int millis) {
        return CompletableFuture.supplyAsync(() -> pool.invoke(input(millis)), callers);
    }

    private static InvokeInput input(int millis) {
        return new InvokeInput(UUID.randomUUID().toString(),
                ("{\"millis\":" + millis + "}").getBytes(StandardCharsets.UTF_8), null);
    }

    /** Waits until the running invocation holds the single environment (launched while it is acquired). */
    private static void awaitBusy(EnvironmentPool pool) throws InterruptedException {
        for (int attempt = 0; attempt < 250 && pool.pids().isEmpty(); attempt++) {
            Thread.sleep(20);
        }
    }

    private static String payload(InvocationResult result) {
        assertFalse(result.failed(), () -> new String(result.payload(), StandardCharsets.UTF_8));
        return new String(result.payload(), StandardCharsets.UTF_8);
    }

}
