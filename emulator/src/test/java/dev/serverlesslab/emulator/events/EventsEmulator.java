package dev.serverlesslab.emulator.events;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.EventRecorder;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * A standalone emulator on a free port with the clients EventBridge and Scheduler tests use, and a function that logs
 * every event it receives ({@link EventRecorder}).
 */
public final class EventsEmulator implements AutoCloseable {

    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    public final Emulator emulator;
    public final EventBridgeClient events;
    public final SchedulerClient scheduler;
    public final LambdaClient lambda;
    public final CloudWatchLogsClient logs;
    public final String role;

    public EventsEmulator(Path workDir) {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        events = EventBridgeClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        scheduler = SchedulerClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        role = ExecutionRole.create(emulator.endpoint(), CREDENTIALS, "events-test-role");
    }

    /** Creates a function that logs each event and returns its ARN. */
    public String recorder(String name) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(role)
                .handler(EventRecorder.class.getName()).memorySize(256).timeout(30)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(EventRecorder.class)))))
                .functionArn();
    }

    /** The events a recorder function has logged, oldest first. */
    public List<String> received(String function) {
        if (logs.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/" + function)).logGroups().isEmpty()) {
            return List.of();
        }
        return logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + function)).events().stream()
                .map(FilteredLogEvent::message).map(String::strip).filter(m -> m.startsWith("EVENT "))
                .map(m -> m.substring("EVENT ".length())).toList();
    }

    @Override
    public void close() {
        events.close();
        scheduler.close();
        lambda.close();
        logs.close();
        emulator.close();
    }
}
