package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.Sleeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A function's execution environments through the backend: scaled to the reserved concurrency, reused, reaped. */
class LambdaPoolBackendTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");

    @TempDir
    Path workDir;
    private LambdaBackend backend;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() {
        Path runtime = workDir.resolve("runtime");
        backend = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
        backend.createFunction(SCOPE, new CreateFunctionRequest("sleeper", "java17", RunningEmulator.ROLE,
                "fixtures.Sleeper::handle", new CreateFunctionRequest.FunctionCode(FunctionZips.of(Sleeper.class),
                        null, null, null, null), null, 20, 128, null, null, null, null, null));
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        backend.close();
    }

    @Test
    void invoke_concurrentlyUpToTheReservedConcurrency_runsEachInItsOwnEnvironmentAndThrottlesBeyond()
            throws Exception {
        backend.concurrency().putFunctionConcurrency(SCOPE, "sleeper", 2);
        List<CompletableFuture<InvokeResponse>> running = List.of(sleep(4000), sleep(4000));
        awaitEnvironments(2);

        ThrottledException throttled = assertThrows(ThrottledException.class, () -> invoke(0));

        assertEquals(FunctionConcurrency.RESERVED_LIMIT, throttled.reason());
        String first = payload(running.get(0).get());
        String second = payload(running.get(1).get());
        assertNotEquals(first, second, "two concurrent invocations shared one environment");
        String warm = payload(invoke(0));
        assertTrue(warm.equals(first) || warm.equals(second), "the next invocation did not reuse a warm one");
        assertEquals(2, backend.environmentPids(SCOPE, "sleeper").size());
    }

    @Test
    void reapIdle_withAShortLimit_stopsIdleEnvironmentsAndTheNextInvokeStartsCold() {
        String before = payload(invoke(0));

        int reaped = backend.reapIdle(Duration.ZERO);

        assertEquals(1, reaped);
        assertEquals(List.of(), backend.environmentPids(SCOPE, "sleeper"));
        InvokeResponse cold = invoke(0);
        assertNotEquals(before, payload(cold), "the reaped JVM answered again");
        assertTrue(cold.log().contains("Init Duration"), cold.log());
    }

    @Test
    void reapIdle_withTheLongLimit_keepsRecentlyUsedEnvironments() {
        invoke(0);

        assertEquals(0, backend.reapIdle(LambdaBackend.IDLE_LIMIT));

        assertEquals(1, backend.environmentPids(SCOPE, "sleeper").size());
    }

    private CompletableFuture<InvokeResponse> sleep(int millis) {
        return CompletableFuture.supplyAsync(() -> invoke(millis), callers);
    }

    private InvokeResponse invoke(int millis) {
        return backend.invoke(SCOPE, new InvokeRequest("sleeper", null, InvocationType.RequestResponse,
                ("{\"millis\":" + millis + "}").getBytes(StandardCharsets.UTF_8), null));
    }

    /** Waits until both invocations hold an environment: the prewarmed one and one started for the second. */
    private void awaitEnvironments(int count) throws InterruptedException {
        for (int attempt = 0; attempt < 300 && backend.environmentPids(SCOPE, "sleeper").size() < count; attempt++) {
            Thread.sleep(20);
        }
        assertEquals(count, backend.environmentPids(SCOPE, "sleeper").size());
    }

    private static String payload(InvokeResponse response) {
        String payload = new String(response.payload(), StandardCharsets.UTF_8);
        assertNull(response.functionError(), payload);
        assertFalse(payload.isEmpty());
        return payload;
    }
}
