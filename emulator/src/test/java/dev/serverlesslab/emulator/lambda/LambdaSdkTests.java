package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
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
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/** Lambda through the AWS SDK v2 against a running emulator, as graders and students' code will use it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaSdkTests {

    private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    @TempDir
    Path workDir;
    private Emulator emulator;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        lambda = LambdaClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    void stop() {
        lambda.close();
        emulator.close();
    }

    @Test
    void createFunction_answersPendingThenWaiterSeesActive() {
        CreateFunctionResponse created = create("greeting", "fixtures.GreetingHandler", FunctionZips.of(GreetingHandler.class),
                256, 10, Map.of());

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

    private CreateFunctionResponse create(String name, String handler, byte[] zip, int memory, int timeout,
            Map<String, String> variables) {
        return lambda.createFunction(b -> b.functionName(name)
                .runtime(Runtime.JAVA17)
                .role(ROLE)
                .handler(handler)
                .memorySize(memory)
                .timeout(timeout)
                .environment(e -> e.variables(variables))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    private InvokeResponse invoke(String name, String payload, boolean tail) {
        return lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String(payload))
                .logType(tail ? LogType.TAIL : LogType.NONE));
    }
}
