package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import fixtures.ApiGatewayHandler;
import fixtures.ContextLogging;
import fixtures.Counter;
import fixtures.EchoString;
import fixtures.EnvironmentReport;
import fixtures.Failing;
import fixtures.GreetingHandler;
import fixtures.MapHandler;
import fixtures.Spin;
import fixtures.UpperCaseStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** Lambda through the AWS SDK v2 against a running emulator, as graders and students' code will use it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaSdkTests {

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        lambda = running.lambda;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void createFunction_answersPendingThenWaiterSeesActive() {
        CreateFunctionResponse created = create("greeting", "fixtures.GreetingHandler",
                FunctionZips.of(GreetingHandler.class), 256, 10, Map.of());

        assertEquals(State.PENDING, created.state());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:greeting", created.functionArn());
        assertEquals(256, created.memorySize());
        GetFunctionResponse active = lambda.waiter()
                .waitUntilFunctionActiveV2(b -> b.functionName("greeting"))
                .matched().response().orElseThrow();
        assertEquals(State.ACTIVE, active.configuration().state());
    }

    @Test
    void invoke_pojoHandler_returnsSerializedResultWithRequestId() {
        create("pojo", "fixtures.GreetingHandler", FunctionZips.of(GreetingHandler.class), 256, 10, Map.of());

        InvokeResponse response = invoke("pojo", "{\"name\":\"Ada\"}", false);

        assertNull(response.functionError());
        String body = response.payload().asUtf8String();
        assertTrue(body.contains("\"message\":\"Hello, Ada!\""), body);
        assertTrue(body.contains(response.responseMetadata().requestId()), body);
        assertEquals("$LATEST", response.executedVersion());
    }

    @Test
    void invoke_withTailLog_returnsStartEndReportAndHandlerOutput() {
        create("logging", "fixtures.ContextLogging::handle", FunctionZips.of(ContextLogging.class), 128, 10, Map.of());

        InvokeResponse response = invoke("logging", "{}", true);

        String requestId = response.responseMetadata().requestId();
        assertEquals("\"" + requestId + "\"", response.payload().asUtf8String());
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("START RequestId: " + requestId + " Version: $LATEST"), log);
        assertTrue(log.contains("logger says request " + requestId + "\n"), log);
        assertTrue(log.contains("stdout line\nstderr line\nno newline at the end\nEND RequestId: " + requestId), log);
        assertTrue(log.contains("REPORT RequestId: " + requestId + "\tDuration: "), log);
        assertTrue(log.contains("\tMemory Size: 128 MB\tMax Memory Used: "), log);
        assertTrue(log.contains("\tInit Duration: "), log);
    }

    @Test
    void getFunctionAndConfiguration_describeTheFunctionAsCreated() {
        byte[] zip = FunctionZips.of(EchoString.class);
        create("described", "fixtures.EchoString::shout", zip, 512, 7, Map.of("STAGE", "test"));

        GetFunctionResponse function = lambda.getFunction(b -> b.functionName("described"));
        GetFunctionConfigurationResponse configuration =
                lambda.getFunctionConfiguration(b -> b.functionName("described"));

        assertEquals(State.ACTIVE, configuration.state());
        assertEquals(Runtime.JAVA17, configuration.runtime());
        assertEquals("fixtures.EchoString::shout", configuration.handler());
        assertEquals(512, configuration.memorySize());
        assertEquals(7, configuration.timeout());
        assertEquals((long) zip.length, configuration.codeSize());
        assertEquals(CodeArchive.sha256(zip), configuration.codeSha256());
        assertEquals("$LATEST", configuration.version());
        assertEquals(Map.of("STAGE", "test"), configuration.environment().variables());
        assertEquals(RunningEmulator.ROLE, configuration.role());
        assertEquals("/aws/lambda/described", configuration.loggingConfig().logGroup());
        assertTrue(configuration.lastModified().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"),
                configuration.lastModified());
        assertEquals(configuration.functionArn(), function.configuration().functionArn());
        assertEquals("S3", function.code().repositoryType());
    }

    @Test
    void invoke_mapStringAndStreamHandlers_serializeLikeTheJavaRuntime() {
        create("map", "fixtures.MapHandler::handle", FunctionZips.of(MapHandler.class), 128, 10, Map.of());
        create("string", "fixtures.EchoString::shout", FunctionZips.of(EchoString.class), 128, 10, Map.of());
        create("stream", "fixtures.UpperCaseStream", FunctionZips.of(UpperCaseStream.class), 128, 10, Map.of());

        assertEquals("{\"a\":1,\"keys\":1,\"function\":\"map\"}",
                invoke("map", "{\"a\":1}", false).payload().asUtf8String());
        assertEquals("\"HELLO!\"", invoke("string", "\"hello\"", false).payload().asUtf8String());
        assertEquals("{\"SHOUT\":TRUE}", invoke("stream", "{\"shout\":true}", false).payload().asUtf8String());
    }

    @Test
    void invoke_apiGatewayEventHandler_usesTheEventSerializersAndLibJars() {
        create("api", "fixtures.ApiGatewayHandler",
                FunctionZips.withLibraries(List.of(ApiGatewayHandler.class),
                        List.of(APIGatewayProxyRequestEvent.class, DateTime.class)),
                256, 10, Map.of());

        InvokeResponse response = invoke("api",
                "{\"httpMethod\":\"GET\",\"path\":\"/orders/7\",\"pathParameters\":{\"id\":\"7\"}}", true);

        assertNull(response.functionError(),
                () -> response.payload().asUtf8String() + "\n" + decode(response.logResult()));
        String body = response.payload().asUtf8String();
        assertTrue(body.contains("\"statusCode\":200"), body);
        assertTrue(body.contains("\"body\":\"GET /orders/7 id=7\""), body);
    }

    @Test
    void invoke_twice_reusesTheWarmEnvironment() {
        create("counter", "fixtures.Counter::handle", FunctionZips.of(Counter.class), 128, 10, Map.of());

        InvokeResponse first = invoke("counter", "{}", true);
        InvokeResponse second = invoke("counter", "{}", true);

        assertEquals("1", first.payload().asUtf8String());
        assertEquals("2", second.payload().asUtf8String());
        String secondLog = new String(Base64.getDecoder().decode(second.logResult()), StandardCharsets.UTF_8);
        assertTrue(!secondLog.contains("Init Duration"), "a warm start reports no Init Duration: " + secondLog);
    }

    @Test
    void invoke_handlerSeesLambdaEnvironmentAndMemoryLimit() {
        create("env", "fixtures.EnvironmentReport::handle", FunctionZips.of(EnvironmentReport.class), 256, 10,
                Map.of("TABLE_NAME", "orders"));

        String report = invoke("env", "{}", false).payload().asUtf8String();

        assertTrue(report.contains("\"TABLE_NAME\":\"orders\""), report);
        assertTrue(report.contains("\"AWS_ENDPOINT_URL\":\"" + running.emulator.endpoint() + "\""), report);
        assertTrue(report.contains("\"AWS_REGION\":\"us-east-1\""), report);
        assertTrue(report.contains("\"AWS_LAMBDA_FUNCTION_NAME\":\"env\""), report);
        assertTrue(report.contains("\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\":\"256\""), report);
        assertTrue(report.contains("\"AWS_LAMBDA_LOG_GROUP_NAME\":\"/aws/lambda/env\""), report);
        assertTrue(report.contains("\"_HANDLER\":\"fixtures.EnvironmentReport::handle\""), report);
        assertTrue(report.contains("\"AWS_EXECUTION_ENV\":\"AWS_Lambda_java17\""), report);
        assertTrue(report.contains("\"memoryLimitInMB\":256"), report);
        assertTrue(!report.contains("\"HOME\"") && !report.contains("\"JAVA_HOME\""),
                "server variables leaked: " + report);
        long maxMemory = Long.parseLong(report.replaceAll(".*\"maxMemory\":(\\d+).*", "$1"));
        assertTrue(maxMemory <= 256L * 1024 * 1024, "heap " + maxMemory + " exceeds the 256 MB function");
        assertTrue(maxMemory >= 128L * 1024 * 1024, "heap " + maxMemory + " is far below the 256 MB function");
    }

    private CreateFunctionResponse create(String name, String handler, byte[] zip, int memory, int timeout,
            Map<String, String> variables) {
        return running.create(name, handler, zip, memory, timeout, variables);
    }

    private InvokeResponse invoke(String name, String payload, boolean tail) {
        return tail ? running.invoke(name, payload)
                : lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    private static String decode(String logResult) {
        return new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
    }
}
