package dev.serverlesslab.emulator.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.ContextLogging;
import fixtures.Sleeper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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
        ExecutionRole.create(emulator.endpoint(), credentials, "lambda-role");
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
    void getLogEvents_afterInvoke_showsInitStartOutputEndAndReport() {
        List<LogStream> streams = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/logging")
                .orderBy("LastEventTime").descending(true)).logStreams();

        List<String> messages = logs.getLogEvents(b -> b.logGroupName("/aws/lambda/logging")
                .logStreamName(streams.get(0).logStreamName()).startFromHead(true)).events().stream()
                .map(OutputLogEvent::message).toList();

        String all = String.join("\n", messages);
        assertTrue(messages.get(0).startsWith("INIT_START Runtime Version: java:17."), all);
        assertTrue(messages.get(1).startsWith("START RequestId: " + requestId), all);
        assertTrue(all.contains("logger says request " + requestId), all);
        assertTrue(all.contains("stdout line"), all);
        assertTrue(all.contains("END RequestId: " + requestId), all);
        assertTrue(messages.get(messages.size() - 1).startsWith("REPORT RequestId: " + requestId), all);
    }

    @Test
    void invoke_concurrently_writesOneStreamPerEnvironmentNamedLikeLambdas() {
        lambda.createFunction(b -> b.functionName("two-envs").runtime(Runtime.JAVA17)
                .role("arn:aws:iam::000000000000:role/lambda-role").handler("fixtures.Sleeper::handle")
                .memorySize(128).timeout(20)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(Sleeper.class)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("two-envs"));
        List<CompletableFuture<String>> calls = List.of(sleep("two-envs", 1500), sleep("two-envs", 1500));
        Set<String> pids = calls.stream().map(CompletableFuture::join).collect(Collectors.toSet());

        List<String> streams = logs.describeLogStreams(b -> b.logGroupName("/aws/lambda/two-envs")).logStreams()
                .stream().map(LogStream::logStreamName).toList();

        assertEquals(2, pids.size(), "the two invocations did not run in two environments");
        assertEquals(2, streams.size(), streams.toString());
        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"));
        for (String stream : streams) {
            assertTrue(stream.matches(Pattern.quote(today + "/[$LATEST]") + "[0-9a-f]{32}"), stream);
        }
    }

    private CompletableFuture<String> sleep(String function, int millis) {
        return CompletableFuture.supplyAsync(() -> lambda.invoke(b -> b.functionName(function)
                .payload(SdkBytes.fromUtf8String("{\"millis\":" + millis + "}"))).payload().asUtf8String());
    }

    @Test
    void describeLogGroups_afterInvoke_listsTheFunctionsGroup() {
        List<String> names = logs.describeLogGroups(b -> b.logGroupNamePrefix("/aws/lambda/")).logGroups().stream()
                .map(group -> group.logGroupName()).toList();

        assertTrue(names.contains("/aws/lambda/logging"), names.toString());
    }

    @Test
    void filterLogEvents_inTimestampOrder_putsStartBeforeTheHandlersOutput() {
        // FilterLogEvents sorts by timestamp, as graders read a whole group: START must not be stamped later than
        // the lines the handler wrote after it.
        List<String> messages = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/logging")).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).toList();

        String all = String.join("\n", messages);
        int start = messages.indexOf("START RequestId: " + requestId + " Version: $LATEST");
        int logged = messages.indexOf("logger says request " + requestId);
        int report = indexOfPrefix(messages, "REPORT RequestId: " + requestId);
        assertTrue(start >= 0 && start < logged && logged < report, all);
    }

    @Test
    void filterLogEvents_afterInvoke_findsTheHandlersLine() {
        List<FilteredLogEvent> events = logs.filterLogEvents(b -> b.logGroupName("/aws/lambda/logging")
                .filterPattern("stderr")).events();

        assertEquals(List.of("stderr line"), events.stream().map(FilteredLogEvent::message).toList());
    }

    private static int indexOfPrefix(List<String> messages, String prefix) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
