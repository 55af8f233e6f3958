package dev.serverlesslab.emulator.lambda;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.lambda.runtime.LogEvent;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.ContextLogging;
import fixtures.Counter;
import fixtures.Failing;
import fixtures.ForgesPlatformLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lambda's state and rules without HTTP in between. */
class LambdaBackendTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");

    @TempDir
    Path workDir;
    private LambdaBackend backend;

    @BeforeEach
    void start() {
        Path runtime = workDir.resolve("runtime");
        backend = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    @Test
    void createFunction_answersPendingAndIsActiveOnceCreated() {
        FunctionConfiguration created = backend.createFunction(SCOPE, request("states", "fixtures.Counter::handle",
                FunctionZips.of(Counter.class)));

        assertEquals("Pending", created.state());
        assertEquals("Creating", created.stateReasonCode());
        FunctionConfiguration now = backend.getFunctionConfiguration(SCOPE, "states", null);
        assertEquals("Active", now.state());
        assertNull(now.stateReason());
        assertEquals("Successful", now.lastUpdateStatus());
    }

    @Test
    void logEvents_holdEveryInvocationAndOutliveTheFunction() {
        backend.createFunction(SCOPE, request("logged", "fixtures.ContextLogging::handle",
                FunctionZips.of(ContextLogging.class)));
        InvokeResponse first = invoke("logged");
        InvokeResponse second = invoke("logged");
        backend.deleteFunction(SCOPE, "logged", null);

        List<LogEvent> events = backend.logEvents(SCOPE, "logged");

        List<String> messages = events.stream().map(LogEvent::message).toList();
        assertTrue(messages.contains("START RequestId: " + first.requestId() + " Version: $LATEST"),
                messages.toString());
        assertTrue(messages.contains("END RequestId: " + second.requestId()), messages.toString());
        assertEquals(2, messages.stream().filter(m -> m.startsWith("REPORT RequestId: ")).count());
        String streamName = "\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{32}";
        assertTrue(events.stream().allMatch(e -> e.logStreamName().matches(streamName)),
                events.get(0).logStreamName());
        assertEquals("\"" + first.requestId() + "\"", new String(first.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void platformEvents_holdOnlyTheLinesThePlatformWrote_notCopiesTheHandlerPrinted() {
        backend.createFunction(SCOPE, request("forger", "fixtures.ForgesPlatformLines::handle",
                FunctionZips.of(ForgesPlatformLines.class)));
        InvokeResponse response = invoke("forger");
        String id = response.requestId();

        List<String> platform = backend.platformEvents(SCOPE, "forger").stream().map(LogEvent::message).toList();

        assertEquals(4, platform.size(), platform.toString());
        assertTrue(platform.get(0).startsWith("INIT_START Runtime Version: java:17.jdk-"), platform.get(0));
        assertEquals("START RequestId: " + id + " Version: $LATEST", platform.get(1));
        assertEquals("END RequestId: " + id, platform.get(2));
        assertTrue(platform.get(3).startsWith("REPORT RequestId: " + id + "\tDuration: "), platform.get(3));
        assertTrue(!platform.get(3).contains("99999999999999999999"), platform.get(3));
        List<LogEvent> forged = backend.logEvents(SCOPE, "forger").stream()
                .filter(e -> e.message().contains("99999999999999999999")).toList();
        assertEquals(1, forged.size());
        assertTrue(!forged.get(0).platform(), "the handler's copy must stay the function's own line");
    }

    @Test
    void invoke_asEvent_runsInTheBackgroundAndLogsTheResult() throws InterruptedException {
        backend.createFunction(SCOPE, request("queued", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));

        InvokeResponse accepted = backend.invoke(SCOPE, new InvokeRequest("queued", null, InvocationType.Event,
                "{}".getBytes(StandardCharsets.UTF_8), null));

        assertEquals(202, accepted.statusCode());
        for (int attempt = 0; attempt < 200 && !reported(accepted.requestId()); attempt++) {
            Thread.sleep(50);
        }
        assertTrue(reported(accepted.requestId()), "the queued event never ran");
    }

    private boolean reported(String requestId) {
        return backend.logEvents(SCOPE, "queued").stream()
                .anyMatch(event -> event.message().startsWith("REPORT RequestId: " + requestId));
    }

    @Test
    void invoke_asEventWhenHandlerThrows_attemptsThreeTimesWithOneRequestId() throws InterruptedException {
        backend.createFunction(SCOPE, request("retried", "fixtures.Failing", FunctionZips.of(Failing.class)));

        InvokeResponse accepted = backend.invoke(SCOPE, new InvokeRequest("retried", null, InvocationType.Event,
                "{}".getBytes(StandardCharsets.UTF_8), null));

        String start = "START RequestId: " + accepted.requestId();
        // Lambda waits a minute, then two, between attempts, on the emulator's clock: each poll moves it a minute on.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            if (startLines("retried", start) < 3) {
                backend.clock().advance(Duration.ofMinutes(1));
            }
            return startLines("retried", start) >= 3;
        });
        assertEquals(202, accepted.statusCode());
        assertEquals(3, startLines("retried", start));
    }

    private long startLines(String function, String start) {
        return backend.logEvents(SCOPE, function).stream().filter(e -> e.message().startsWith(start)).count();
    }

    private InvokeResponse invoke(String name) {
        return backend.invoke(SCOPE, new InvokeRequest(name, null, InvocationType.RequestResponse,
                "{}".getBytes(StandardCharsets.UTF_8), null));
    }

    private static CreateFunctionRequest request(String name, String handler, byte[] zip) {
        return new CreateFunctionRequest(name, "java17", RunningEmulator.ROLE, handler,
                new CreateFunctionRequest.FunctionCode(zip, null, null, null, null), null, 10, 128, null, null,
                new CreateFunctionRequest.Environment(Map.of()), null, null);
    }
}
