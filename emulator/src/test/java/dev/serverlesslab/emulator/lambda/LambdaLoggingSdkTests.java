package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.LevelledLogging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.lambda.model.ApplicationLogLevel;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LogFormat;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.SystemLogLevel;

/**
 * {@code LoggingConfig} through the SDK: the JSON format turns the platform's START and REPORT lines into
 * {@code platform.start}/{@code platform.report} records and the Lambda logger's calls into JSON records filtered by
 * the application log level, leaves stdout as written, and everything lands in the configured log group, where
 * FilterLogEvents reads it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaLoggingSdkTests {

    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private CloudWatchLogsClient logs;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        logs = CloudWatchLogsClient.builder().endpointOverride(running.emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    void stop() {
        logs.close();
        running.close();
    }

    @Test
    void jsonFormat_writesPlatformRecordsAndLevelledLoggerRecords_intoTheCustomGroup() throws Exception {
        create("json-logging", c -> c.logFormat(LogFormat.JSON).applicationLogLevel(ApplicationLogLevel.WARN)
                .logGroup("/serverlesslab/orders"));
        GetFunctionConfigurationResponse config = running.lambda.getFunctionConfiguration(r -> r
                .functionName("json-logging"));
        assertEquals(LogFormat.JSON, config.loggingConfig().logFormat());
        assertEquals(ApplicationLogLevel.WARN, config.loggingConfig().applicationLogLevel());
        assertEquals(SystemLogLevel.INFO, config.loggingConfig().systemLogLevel(), "INFO unless set");
        assertEquals("/serverlesslab/orders", config.loggingConfig().logGroup());

        String requestId = running.invoke("json-logging", "{}").responseMetadata().requestId();

        List<String> messages = messages("/serverlesslab/orders");
        JsonNode start = record(messages, "platform.start");
        assertEquals(requestId, start.path("record").path("requestId").asText());
        assertEquals("$LATEST", start.path("record").path("version").asText());
        assertTrue(start.path("time").asText().endsWith("Z"), start.toString());
        JsonNode report = record(messages, "platform.report");
        assertEquals("success", report.path("record").path("status").asText());
        assertEquals(128, report.path("record").path("metrics").path("memorySizeMB").asInt());
        assertTrue(report.path("record").path("metrics").has("billedDurationMs"), report.toString());
        assertTrue(messages.stream().noneMatch(m -> m.startsWith("END RequestId") || m.startsWith("REPORT ")),
                messages.toString());

        JsonNode error = messages.stream().filter(m -> m.contains("payment declined")).map(this::json).findFirst()
                .orElseThrow(() -> new AssertionError("no ERROR record in " + messages));
        assertEquals("ERROR", error.path("level").asText());
        assertEquals(requestId, error.path("AWSRequestId").asText());
        assertFalse(error.path("timestamp").asText().isEmpty());
        assertTrue(messages.stream().noneMatch(m -> m.contains("cache miss")), "DEBUG is below WARN: " + messages);
        assertTrue(messages.contains("plain stdout line"), "stdout stays as written: " + messages);
    }

    @Test
    void systemLogLevelWarn_dropsThePlatformRecords_andTextWithLevelsIsRefused() throws Exception {
        create("quiet-platform", c -> c.logFormat(LogFormat.JSON).systemLogLevel(SystemLogLevel.WARN));

        running.invoke("quiet-platform", "{}");

        List<String> messages = messages("/aws/lambda/quiet-platform");
        assertTrue(messages.stream().noneMatch(m -> m.contains("\"type\":\"platform.")), messages.toString());
        assertTrue(messages.contains("plain stdout line"), messages.toString());
        InvalidParameterValueException levels = assertThrows(InvalidParameterValueException.class, () ->
                running.lambda.updateFunctionConfiguration(r -> r.functionName("quiet-platform").loggingConfig(l -> l
                        .logFormat(LogFormat.TEXT).applicationLogLevel(ApplicationLogLevel.DEBUG))));
        assertTrue(levels.getMessage().contains("LogFormat JSON"), levels.getMessage());

        running.lambda.updateFunctionConfiguration(r -> r.functionName("quiet-platform")
                .loggingConfig(l -> l.logFormat(LogFormat.TEXT)));
        GetFunctionConfigurationResponse text = running.lambda.getFunctionConfiguration(r -> r
                .functionName("quiet-platform"));
        assertEquals(LogFormat.TEXT, text.loggingConfig().logFormat());
        assertNull(text.loggingConfig().applicationLogLevel());
        assertEquals("/aws/lambda/quiet-platform", text.loggingConfig().logGroup());
    }

    private void create(String name,
            java.util.function.Consumer<software.amazon.awssdk.services.lambda.model.LoggingConfig.Builder> logging) {
        running.lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(RunningEmulator.ROLE)
                .handler(LevelledLogging.class.getName() + "::handle").memorySize(128).timeout(10)
                .loggingConfig(logging)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(LevelledLogging.class)))));
    }

    private List<String> messages(String group) {
        List<String> messages = new ArrayList<>();
        logs.filterLogEventsPaginator(r -> r.logGroupName(group)).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).forEach(messages::add);
        return messages;
    }

    private JsonNode record(List<String> messages, String type) {
        return messages.stream().filter(m -> m.contains("\"type\":\"" + type + "\"")).map(this::json).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " record in " + messages));
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
