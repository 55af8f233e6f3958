package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.Counter;
import fixtures.EchoString;
import fixtures.EnvironmentReport;
import fixtures.Sleeper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** UpdateFunctionCode, UpdateFunctionConfiguration and versions without HTTP in between. */
class LambdaUpdatesBackendTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");
    private static final PublishVersionRequest PUBLISH = new PublishVersionRequest(null, null, null);

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
    void updateFunctionCode_answersInProgressThenRunsNewCodeInNewEnvironments() {
        backend.createFunction(SCOPE, request("swap", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));
        assertEquals("1", invoke("swap", null));
        List<Long> oldPids = backend.environmentPids(SCOPE, "swap");

        FunctionConfiguration pending = backend.updateFunctionCode(SCOPE, "swap",
                new UpdateFunctionCodeRequest(FunctionZips.of(Counter.class, EchoString.class), null, null, null,
                        null));
        backend.updateFunctionConfiguration(SCOPE, "swap", configuration("fixtures.EchoString::shout", null));

        assertEquals("InProgress", pending.lastUpdateStatus());
        assertEquals("Successful", backend.getFunctionConfiguration(SCOPE, "swap", null).lastUpdateStatus());
        assertEquals("\"HI!\"", invoke("swap", null));
        assertTrue(backend.environmentPids(SCOPE, "swap").stream().noneMatch(oldPids::contains),
                "the environment of the old code still runs");
    }

    @Test
    void close_endsAnEnvironmentStillFinishingAnInvocationOfReplacedCode() throws Exception {
        backend.createFunction(SCOPE, request("busy", "fixtures.Sleeper::handle", FunctionZips.of(Sleeper.class)));
        invoke("busy", null, "{\"millis\":0}");
        List<Long> oldPids = backend.environmentPids(SCOPE, "busy");
        Thread slow = new Thread(() -> {
            try {
                invoke("busy", null, "{\"millis\":60000}");
            } catch (RuntimeException expectedWhenClosed) {
                // The invocation is cut off by close(): that is the point.
            }
        });
        slow.start();
        Thread.sleep(300);
        backend.updateFunctionConfiguration(SCOPE, "busy", configuration(null, "changed while busy"));

        backend.close();

        for (long pid : oldPids) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(timedOut -> p).join());
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "environment " + pid + " of the replaced code outlived close()");
        }
        slow.join(5_000);
    }

    @Test
    void updateFunctionConfiguration_newVariablesReachTheNextInvocation() {
        backend.createFunction(SCOPE, request("vars", "fixtures.EnvironmentReport::handle",
                FunctionZips.of(EnvironmentReport.class)));
        assertTrue(report("vars").contains("\"GREETING\":\"hello\""));

        FunctionConfiguration updated = backend.updateFunctionConfiguration(SCOPE, "vars",
                new UpdateFunctionConfigurationRequest(null, null, "second", 20, 256,
                        new CreateFunctionRequest.Environment(Map.of("GREETING", "bye")), null, null));

        assertEquals(256, updated.memorySize());
        assertEquals(20, updated.timeout());
        assertEquals("second", updated.description());
        String report = report("vars");
        assertTrue(report.contains("\"GREETING\":\"bye\""), report);
        assertTrue(report.contains("\"memoryLimitInMB\":256"), report);
    }

    @Test
    void updateFunctionConfiguration_withReservedVariable_failsAndKeepsTheConfiguration() {
        backend.createFunction(SCOPE, request("reserved", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));

        AwsException error = assertThrows(AwsException.class, () -> backend.updateFunctionConfiguration(SCOPE,
                "reserved", new UpdateFunctionConfigurationRequest(null, null, null, null, null,
                        new CreateFunctionRequest.Environment(Map.of("AWS_REGION", "x")), null, null)));

        assertEquals("InvalidParameterValueException", error.code());
        assertEquals(Map.of("GREETING", "hello"),
                backend.getFunctionConfiguration(SCOPE, "reserved", null).environment().variables());
    }

    @Test
    void updateFunctionCode_withStaleRevisionId_failsWithPreconditionFailed() {
        backend.createFunction(SCOPE, request("stale", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));

        AwsException error = assertThrows(AwsException.class, () -> backend.updateFunctionCode(SCOPE, "stale",
                new UpdateFunctionCodeRequest(FunctionZips.of(Counter.class), null, null, null, "not-the-revision")));

        assertEquals("PreconditionFailedException", error.code());
        assertEquals(412, error.httpStatus());
    }

    @Test
    void publishVersion_keepsItsCodeWhileLatestMovesOn() {
        backend.createFunction(SCOPE, request("versioned", "fixtures.Counter::handle",
                FunctionZips.of(Counter.class, EchoString.class)));
        FunctionConfiguration one = backend.publishVersion(SCOPE, "versioned", PUBLISH);
        backend.updateFunctionConfiguration(SCOPE, "versioned", configuration("fixtures.EchoString::shout", null));

        assertEquals("1", one.version());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:versioned:1", one.functionArn());
        assertEquals("\"HI!\"", invoke("versioned", null));
        assertEquals("1", invoke("versioned", "1"));
        assertEquals("\"HI!\"", invoke("versioned:$LATEST", null));
        assertEquals("fixtures.Counter::handle",
                backend.getFunctionConfiguration(SCOPE, "versioned", "1").handler());
    }

    @Test
    void invoke_ofVersion_tellsTheHandlerAndTheLogWhichVersionRuns() {
        backend.createFunction(SCOPE, request("named", "fixtures.EnvironmentReport::handle",
                FunctionZips.of(EnvironmentReport.class)));
        backend.publishVersion(SCOPE, "named", PUBLISH);

        String report = invoke("named", "1", "{}").replace(" ", "");

        assertTrue(report.contains("\"AWS_LAMBDA_FUNCTION_VERSION\":\"1\""), report);
        assertTrue(report.contains("/[1]"), report);
        assertTrue(backend.logEvents(SCOPE, "named").stream()
                .anyMatch(event -> event.message().matches("START RequestId: \\S+ Version: 1")));
    }

    @Test
    void publishVersion_ofUnchangedLatest_returnsTheVersionAlreadyPublished() {
        backend.createFunction(SCOPE, request("same", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));

        FunctionConfiguration first = backend.publishVersion(SCOPE, "same", PUBLISH);
        FunctionConfiguration again = backend.publishVersion(SCOPE, "same", PUBLISH);
        backend.updateFunctionConfiguration(SCOPE, "same", configuration(null, "changed"));
        FunctionConfiguration second = backend.publishVersion(SCOPE, "same",
                new PublishVersionRequest(null, "release two", null));

        assertEquals("1", again.version());
        assertEquals(first.revisionId(), again.revisionId());
        assertEquals("2", second.version());
        assertEquals("release two", second.description());
        assertEquals(List.of("$LATEST", "1", "2"), backend.listVersions(SCOPE, "same").stream()
                .map(FunctionConfiguration::version).toList());
    }

    @Test
    void publishVersion_withOtherCodeSha256_failsWithInvalidParameterValue() {
        backend.createFunction(SCOPE, request("sha", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));

        AwsException error = assertThrows(AwsException.class, () -> backend.publishVersion(SCOPE, "sha",
                new PublishVersionRequest("AAAA", null, null)));

        assertEquals("InvalidParameterValueException", error.code());
        assertTrue(backend.listVersions(SCOPE, "sha").size() == 1, "a version was published anyway");
    }

    @Test
    void getFunctionConfiguration_ofMissingVersion_failsWithResourceNotFound() {
        backend.createFunction(SCOPE, request("noversion", "fixtures.Counter::handle",
                FunctionZips.of(Counter.class)));

        AwsException error = assertThrows(AwsException.class,
                () -> backend.getFunctionConfiguration(SCOPE, "noversion", "3"));

        assertEquals("ResourceNotFoundException", error.code());
        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:noversion:3",
                error.getMessage());
    }

    @Test
    void deleteFunction_withVersionQualifier_deletesOnlyThatVersion() {
        backend.createFunction(SCOPE, request("pruned", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));
        backend.publishVersion(SCOPE, "pruned", PUBLISH);

        backend.deleteFunction(SCOPE, "pruned", "1");

        assertEquals(List.of("$LATEST"), backend.listVersions(SCOPE, "pruned").stream()
                .map(FunctionConfiguration::version).toList());
        assertFalse(invoke("pruned", null).isEmpty());
    }

    private String invoke(String name, String qualifier) {
        return invoke(name, qualifier, "\"hi\"");
    }

    private String report(String name) {
        return invoke(name, null, "{}").replace(" ", "");
    }

    private String invoke(String name, String qualifier, String payload) {
        InvokeResponse response = backend.invoke(SCOPE, new InvokeRequest(name, qualifier,
                InvocationType.RequestResponse, payload.getBytes(StandardCharsets.UTF_8), null));
        return new String(response.payload(), StandardCharsets.UTF_8);
    }

    private static UpdateFunctionConfigurationRequest configuration(String handler, String description) {
        return new UpdateFunctionConfigurationRequest(null, handler, description, null, null, null, null, null);
    }

    private static CreateFunctionRequest request(String name, String handler, byte[] zip) {
        return new CreateFunctionRequest(name, "java17", RunningEmulator.ROLE, handler,
                new CreateFunctionRequest.FunctionCode(zip, null, null, null, null), null, 10, 128, null, null,
                new CreateFunctionRequest.Environment(Map.of("GREETING", "hello")), null, null);
    }
}
