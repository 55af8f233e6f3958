package dev.serverlesslab.emulator.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.ContextLogging;
import java.nio.file.Path;
import java.util.List;
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
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** A Lambda function's output read back through CloudWatch Logs, as a grader checks what a handler logged. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaLogsTests {

    @TempDir
    Path workDir;
    private Emulator emulator;
    private LambdaClient lambda;
    private CloudWatchLogsClient logs;
    private String requestId;

    @BeforeAll
    void startAndInvoke() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        lambda.createFunction(b -> b.functionName("logging").runtime(Runtime.JAVA17)
                .role("arn:aws:iam::000000000000:role/lambda-role").handler("fixtures.ContextLogging::handle")
                .memorySize(128).timeout(10)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(ContextLogging.class)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("logging"));
        String payload = lambda.invoke(b -> b.functionName("logging").payload(SdkBytes.fromUtf8String("{}")))
                .payload().asUtf8String();
        requestId = payload.replace("\"", "");
    }

    @AfterAll
    void stop() {
        logs.close();
        lambda.close();
        emulator.close();
    }

    @Test
    void getLogEvents_afterInvoke_showsStartOutputEndAndReport() {
        List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/logging")
                .orderBy("LastEventTime").descending(true)).logStreams();

        List<String> messages = logs.getLogEvents(b -> b.logGroupName("/aws/lambda/logging")
                .logStreamName(streams.get(0).logStreamName()).startFromHead(true)).events().stream()
                .map(OutputLogEvent::message).toList();

        String all = String.join("\n", messages);
        assertTrue(messages.get(0).startsWith("START RequestId: " + requestId), all);
        assertTrue(all.contains("logger says request " + requestId), all);
        assertTrue(all.contains("stdout line"), all);
        assertTrue(all.contains("END RequestId: " + requestId), all);
        assertTrue(messages.get(messages.size() - 1).startsWith("REPORT RequestId: " + requestId), all);
    }

    @Test
    void describeLogGroups_afterInvoke_listsTheFunctionsGroup() {
        List<String> names = logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/")).logGroups().stream()
                .map(group -> group.logGroupName()).toList();

        assertEquals(List.of("/aws/lambda/logging"), names);
    }

    @Test
    void filterLogEvents_afterInvoke_findsTheHandlersLine() {
        List<FilteredLogEvent> events = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/logging")
                .filterPattern("stderr")).events();

        assertEquals(List.of("stderr line"), events.stream().map(FilteredLogEvent::message).toList());
    }
}
