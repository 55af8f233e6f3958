package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixtures.BigResponse;
import fixtures.BrokenInit;
import fixtures.Counter;
import fixtures.Exiter;
import fixtures.Failing;
import fixtures.Spin;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** What Lambda answers when things go wrong, through the AWS SDK v2: the errors students and graders will meet. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaFailureSdkTests {

    @TempDir
    Path workDir;
    private RunningEmulator running;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void invoke_whenHandlerThrows_returnsUnhandledWithErrorTypeAndMessage() {
        running.create("failing", "fixtures.Failing", FunctionZips.of(Failing.class));

        InvokeResponse response = running.invoke("failing", "{\"order\":42}");

        assertEquals("Unhandled", response.functionError());
        assertEquals(200, response.statusCode());
        String body = response.payload().asUtf8String();
        assertTrue(body.contains("\"errorMessage\":\"order 42 not found\""), body);
        assertTrue(body.contains("\"errorType\":\"java.lang.IllegalStateException\""), body);
        assertTrue(body.contains("\"stackTrace\":[\"fixtures.Failing.handleRequest(Failing.java:"), body);
        String log = RunningEmulator.log(response);
        assertTrue(log.contains("looking up order 42\norder 42 not found: java.lang.IllegalStateException\n"), log);
    }

    @Test
    void invoke_whenHandlerNeverReturns_timesOutAndKillsTheEnvironment() {
        running.create("spin", "fixtures.Spin::handle", FunctionZips.of(Spin.class), 128, 1, Map.of());

        InvokeResponse response = running.invoke("spin", "{}");

        assertEquals("Unhandled", response.functionError());
        String body = response.payload().asUtf8String();
        String requestId = response.responseMetadata().requestId();
        assertTrue(body.matches("\\{\"errorMessage\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z " + requestId
                + " Task timed out after 1.00 seconds\"}"), body);
        String log = RunningEmulator.log(response);
        assertTrue(log.contains("spinning\n"), log);
        assertTrue(log.contains(requestId + " Task timed out after 1.00 seconds\nEND RequestId: " + requestId), log);
        assertTrue(ChildProcesses.awaitNone(workDir, "spin"), "the timed-out environment's JVM is still running");
    }

    @Test
    void invoke_afterDeleteFunction_failsWithResourceNotFound() {
        running.create("deleted", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        running.lambda.deleteFunction(b -> b.functionName("deleted"));

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> running.invoke("deleted", "{}"));

        assertEquals("Function not found: arn:aws:lambda:us-east-1:000000000000:function:deleted",
                error.awsErrorDetails().errorMessage());
        assertTrue(ChildProcesses.awaitNone(workDir, "deleted"), "the deleted function's JVM is still running");
    }

    @Test
    void createFunction_twice_failsWithResourceConflict() {
        running.create("twice", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        ResourceConflictException error = assertThrows(ResourceConflictException.class,
                () -> running.create("twice", "fixtures.Counter::handle", FunctionZips.of(Counter.class)));

        assertEquals("Function already exist: twice", error.awsErrorDetails().errorMessage());
    }

    @Test
    void invoke_whenStaticInitializerFails_returnsTheInitErrorAndItsOutput() {
        running.create("broken-init", "fixtures.BrokenInit::handle", FunctionZips.of(BrokenInit.class));

        InvokeResponse response = running.invoke("broken-init", "{}");

        assertEquals("Unhandled", response.functionError());
        String body = response.payload().asUtf8String();
        assertTrue(body.contains("\"errorMessage\":\"Error loading class fixtures.BrokenInit: "
                + "java.lang.IllegalStateException: TABLE_NAME is not set\""), body);
        assertTrue(body.contains("\"errorType\":\"java.lang.ExceptionInInitializerError\""), body);
        String log = RunningEmulator.log(response);
        // Lambda's INIT_START first, then what the failed init printed.
        assertTrue(log.startsWith("INIT_START Runtime Version: java:17."), log);
        assertTrue(log.substring(log.indexOf('\n') + 1).startsWith("reading TABLE_NAME\nError loading class "
                + "fixtures.BrokenInit"), log);
        assertTrue(log.contains("\tInit Duration: "), log);
    }

    @Test
    void invoke_whenHandlerClassIsMissing_reportsClassNotFoundLikeTheJavaRuntime() {
        running.create("missing-class", "example.DoesNotExist::handle", FunctionZips.of(Counter.class));

        InvokeResponse response = running.invoke("missing-class", "{}");

        assertEquals("Unhandled", response.functionError());
        String body = response.payload().asUtf8String();
        assertTrue(body.startsWith("{\"errorMessage\":\"Class not found: example.DoesNotExist\","
                + "\"errorType\":\"java.lang.ClassNotFoundException\""), body);
    }

    @Test
    void invoke_whenHandlerMethodHasNoSupportedSignature_namesTheMethodAndClass() {
        running.create("bad-method", "fixtures.Counter::nothingHere", FunctionZips.of(Counter.class));

        InvokeResponse response = running.invoke("bad-method", "{}");

        assertEquals("{\"errorMessage\":\"No public method named nothingHere with appropriate method signature "
                + "found on class fixtures.Counter\"}", response.payload().asUtf8String());
    }

    @Test
    void invoke_whenTheJvmExitsMidInvocation_returnsRuntimeExitError() {
        running.create("exiter", "fixtures.Exiter::handle", FunctionZips.of(Exiter.class));

        InvokeResponse response = running.invoke("exiter", "{}");

        String requestId = response.responseMetadata().requestId();
        assertEquals("Unhandled", response.functionError());
        assertEquals("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: " + requestId
                + " Error: Runtime exited with error: exit status 3\"}", response.payload().asUtf8String());
        String log = RunningEmulator.log(response);
        assertTrue(log.contains("about to exit\nRequestId: " + requestId), log);
    }

    @Test
    void invoke_asEventAndDryRun_answer202And204WithoutAPayload() {
        running.create("async", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        InvokeResponse event = running.lambda.invoke(b -> b.functionName("async")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{}")));
        InvokeResponse dryRun = running.lambda.invoke(b -> b.functionName("async")
                .invocationType(InvocationType.DRY_RUN));

        assertEquals(202, event.statusCode());
        assertEquals(0, event.payload().asByteArray().length);
        assertEquals(204, dryRun.statusCode());
    }

    @Test
    void invoke_withAPayloadThatIsNotJson_failsWithInvalidRequestContent() {
        running.create("not-json", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        InvalidRequestContentException error = assertThrows(InvalidRequestContentException.class,
                () -> running.invoke("not-json", "hello"));

        assertTrue(error.awsErrorDetails().errorMessage().startsWith("Could not parse request body into json"),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void invoke_withAPayloadOver6Mb_failsWithRequestEntityTooLarge() {
        running.create("big-payload", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        String payload = "\"" + "x".repeat(6 * 1024 * 1024) + "\"";

        LambdaException error = assertThrows(LambdaException.class, () -> running.invoke("big-payload", payload));

        assertEquals(413, error.statusCode());
        assertEquals("RequestEntityTooLargeException", error.awsErrorDetails().errorCode());
        assertEquals("Request must be smaller than 6291456 bytes for the InvokeFunction operation",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void invoke_asEventWithAPayloadOver1Mb_failsWithRequestTooLarge() {
        running.create("big-event", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        String payload = "\"" + "x".repeat(1024 * 1024) + "\"";

        LambdaException error = assertThrows(LambdaException.class, () -> running.lambda.invoke(b -> b
                .functionName("big-event").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))));

        assertEquals(413, error.statusCode());
        assertEquals("RequestTooLargeException", error.awsErrorDetails().errorCode());
        assertEquals("Request must be smaller than 1048576 bytes for the InvokeAsync operation",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void invoke_asEventWithAPayloadJustUnder1Mb_isAccepted() {
        running.create("edge-event", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        String payload = "\"" + "x".repeat(1024 * 1024 - 2) + "\"";

        int status = running.lambda.invoke(b -> b.functionName("edge-event").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload))).statusCode();

        assertEquals(202, status);
    }

    @Test
    void invoke_whenTheResponseExceeds6Mb_returnsFunctionErrorResponseSizeTooLarge() {
        running.create("big-response", "fixtures.BigResponse::handle", FunctionZips.of(BigResponse.class), 512, 20,
                Map.of());

        InvokeResponse response = running.invoke("big-response", String.valueOf(6 * 1024 * 1024 + 100));

        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError());
        String payload = response.payload().asUtf8String();
        assertTrue(payload.contains("\"errorType\":\"Function.ResponseSizeTooLarge\""), payload);
        assertTrue(payload.contains("Response payload size exceeded maximum allowed payload size"), payload);
    }

    @Test
    void unsupportedOperation_throughTheSdk_failsWithUnknownOperationNamingIt() {
        running.create("no-url", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        LambdaException error = assertThrows(LambdaException.class,
                () -> running.lambda.getProvisionedConcurrencyConfig(b -> b.functionName("no-url").qualifier("1")));

        assertEquals(404, error.statusCode());
        assertEquals("UnknownOperationException", error.awsErrorDetails().errorCode());
        assertTrue(error.awsErrorDetails().errorMessage().startsWith("The Lambda operation GetProvisionedConcurrencyConfig (GET "
                + "/2019-09-30/functions/no-url/provisioned-concurrency) is not supported by this emulator (Serverless Lab); Lambda "
                + "operations supported: CreateFunction, "), error.awsErrorDetails().errorMessage());
    }

    @Test
    void getLayerVersionByArn_isNotMistakenForListLayers() {
        LambdaException error = assertThrows(LambdaException.class, () -> running.lambda.getLayerVersionByArn(b -> b
                .arn("arn:aws:lambda:us-east-1:000000000000:layer:any:1")));

        // ListLayers would have answered 200 with an empty list; GetLayerVersionByArn finds no such version.
        assertEquals("ResourceNotFoundException", error.awsErrorDetails().errorCode());
    }

    @Test
    void createFunction_withoutAZip_failsWithCouldNotUnzip() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> running.create("not-a-zip", "fixtures.Counter::handle",
                        "this is not a zip".getBytes(StandardCharsets.UTF_8)));

        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_withReservedVariable_failsNamingTheReservedKeys() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> running.create("reserved", "fixtures.Counter::handle", FunctionZips.of(Counter.class), 128, 3,
                        Map.of("AWS_REGION", "eu-west-1", "TABLE", "orders")));

        assertTrue(error.awsErrorDetails().errorMessage().endsWith("Reserved keys used in this request: AWS_REGION"),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_withNonJavaRuntime_explainsWhichRuntimesRun() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> running.lambda.createFunction(b -> b.functionName("python")
                        .runtime(Runtime.PYTHON3_12).role(RunningEmulator.ROLE).handler("app.handler")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(Counter.class))))));

        assertEquals("Serverless Lab's emulator runs only Java functions (Runtime java11, java17, java21, java25, java8.al2); "
                + "got Runtime python3.12", error.awsErrorDetails().errorMessage());
    }

    @Test
    void createFunction_withTooLittleMemory_failsModelValidation() {
        LambdaException error = assertThrows(LambdaException.class,
                () -> running.create("tiny", "fixtures.Counter::handle", FunctionZips.of(Counter.class), 64, 3,
                        Map.of()));

        assertEquals(400, error.statusCode());
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 128", error.awsErrorDetails().errorMessage());
    }
}
