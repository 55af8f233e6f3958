package dev.serverlesslab.emulator.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** The AWS SDK v2 CloudWatchLogsClient against the emulator's HTTP endpoint: shapes, tokens and error codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsClientTests {

    private static final long T = 1_700_000_000_000L;

    private EdgeServer edge;
    private CloudWatchLogsClient logs;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new LogsHandler(new LogsBackend(LogSource.NONE)))));
        logs = CloudWatchLogsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        logs.close();
        edge.close();
    }

    @Test
    void createLogGroup_thenDescribeWithPrefix_listsItWithArn() {
        logs.createLogGroup(r -> r.logGroupName("sdk/describe/one"));
        logs.createLogGroup(r -> r.logGroupName("sdk/other"));

        List<LogGroup> groups = logs.describeLogGroups(r -> r.logGroupNamePrefix("sdk/describe/")).logGroups();

        assertEquals(1, groups.size());
        assertEquals("sdk/describe/one", groups.get(0).logGroupName());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:sdk/describe/one:*", groups.get(0).arn());
        assertTrue(groups.get(0).creationTime() > 0);
    }

    @Test
    void retentionPolicy_isSetShownAndDeleted_andOnlyAwsValuesAreAccepted() {
        logs.createLogGroup(r -> r.logGroupName("sdk/retained"));

        logs.putRetentionPolicy(r -> r.logGroupName("sdk/retained").retentionInDays(14));
        assertEquals(14, logs.describeLogGroups(r -> r.logGroupNamePrefix("sdk/retained")).logGroups().get(0)
                .retentionInDays());
        assertThrows(InvalidParameterException.class,
                () -> logs.putRetentionPolicy(r -> r.logGroupName("sdk/retained").retentionInDays(8)));
        assertThrows(ResourceNotFoundException.class,
                () -> logs.putRetentionPolicy(r -> r.logGroupName("sdk/no-such-group").retentionInDays(7)));
        logs.deleteRetentionPolicy(r -> r.logGroupName("sdk/retained"));
        assertEquals(null, logs.describeLogGroups(r -> r.logGroupNamePrefix("sdk/retained")).logGroups().get(0)
                .retentionInDays());
    }

    @Test
    void tags_onALogGroup_areAddedListedAndRemovedByArn() {
        logs.createLogGroup(r -> r.logGroupName("sdk/tagged").tags(java.util.Map.of("team", "lab")));
        String arn = logs.describeLogGroups(r -> r.logGroupNamePrefix("sdk/tagged")).logGroups().get(0)
                .logGroupArn();

        logs.tagResource(r -> r.resourceArn(arn).tags(java.util.Map.of("env", "test")));
        assertEquals(java.util.Map.of("team", "lab", "env", "test"),
                logs.listTagsForResource(r -> r.resourceArn(arn)).tags());
        logs.untagResource(r -> r.resourceArn(arn).tagKeys("team"));
        assertEquals(java.util.Map.of("env", "test"), logs.listTagsForResource(r -> r.resourceArn(arn)).tags());
        assertThrows(ResourceNotFoundException.class, () -> logs.listTagsForResource(r -> r.resourceArn(
                arn.replace("sdk/tagged", "sdk/nothing-here"))));
    }

    @Test
    void createLogGroup_twice_throwsResourceAlreadyExists() {
        logs.createLogGroup(r -> r.logGroupName("sdk/twice"));

        assertThrows(ResourceAlreadyExistsException.class, () -> logs.createLogGroup(r -> r.logGroupName("sdk/twice")));
    }

    @Test
    void deleteLogGroup_removesItAndASecondDeleteThrowsNotFound() {
        logs.createLogGroup(r -> r.logGroupName("sdk/delete"));

        logs.deleteLogGroup(r -> r.logGroupName("sdk/delete"));

        assertEquals(List.of(), logs.describeLogGroups(r -> r.logGroupNamePrefix("sdk/delete")).logGroups());
        assertThrows(ResourceNotFoundException.class, () -> logs.deleteLogGroup(r -> r.logGroupName("sdk/delete")));
    }

    @Test
    void createLogStream_inMissingGroup_throwsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> logs.createLogStream(r -> r.logGroupName("sdk/none").logStreamName("s")));
    }

    @Test
    void putLogEvents_thenGetLogEvents_fromHeadPagesWithForwardToken() {
        stream("sdk/get", "s", "one", "two", "three");

        GetLogEventsResponse first = logs.getLogEvents(r -> r.logGroupName("sdk/get").logStreamName("s")
                .startFromHead(true).limit(2));
        GetLogEventsResponse next = logs.getLogEvents(r -> r.logGroupName("sdk/get").logStreamName("s")
                .startFromHead(true).limit(2).nextToken(first.nextForwardToken()));

        assertEquals(List.of("one", "two"), first.events().stream().map(OutputLogEvent::message).toList());
        assertEquals(T, first.events().get(0).timestamp());
        assertEquals(List.of("three"), next.events().stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void getLogEvents_byDefault_returnsTheNewestAndBackwardTokenReachesOlder() {
        stream("sdk/tail", "s", "one", "two", "three");

        GetLogEventsResponse tail = logs.getLogEvents(r -> r.logGroupName("sdk/tail").logStreamName("s").limit(1));
        GetLogEventsResponse older = logs.getLogEvents(r -> r.logGroupName("sdk/tail").logStreamName("s").limit(1)
                .nextToken(tail.nextBackwardToken()));

        assertEquals("three", tail.events().get(0).message());
        assertEquals("two", older.events().get(0).message());
    }

    @Test
    void putLogEvents_outOfOrder_throwsInvalidParameter() {
        logs.createLogGroup(r -> r.logGroupName("sdk/order"));
        logs.createLogStream(r -> r.logGroupName("sdk/order").logStreamName("s"));

        assertThrows(InvalidParameterException.class, () -> logs.putLogEvents(r -> r.logGroupName("sdk/order")
                .logStreamName("s").logEvents(event(T + 1, "b"), event(T, "a"))));
    }

    @Test
    void getLogEvents_ofMissingStream_throwsResourceNotFound() {
        logs.createLogGroup(r -> r.logGroupName("sdk/nostream"));

        assertThrows(ResourceNotFoundException.class,
                () -> logs.getLogEvents(r -> r.logGroupName("sdk/nostream").logStreamName("s")));
    }

    @Test
    void describeLogStreams_byLastEventTimeDescending_putsNewestFirst() {
        logs.createLogGroup(r -> r.logGroupName("sdk/streams"));
        logs.createLogStream(r -> r.logGroupName("sdk/streams").logStreamName("a"));
        logs.createLogStream(r -> r.logGroupName("sdk/streams").logStreamName("b"));
        logs.putLogEvents(r -> r.logGroupName("sdk/streams").logStreamName("a").logEvents(event(T, "a")));
        logs.putLogEvents(r -> r.logGroupName("sdk/streams").logStreamName("b").logEvents(event(T + 9, "b")));

        List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName("sdk/streams")
                .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams();

        assertEquals(List.of("b", "a"), streams.stream().map(LogStream::logStreamName).toList());
        assertEquals(T + 9, streams.get(0).lastEventTimestamp());
    }

    @Test
    void filterLogEvents_withTermStreamsAndTimes_returnsMatchesAcrossStreams() {
        stream("sdk/filter", "a", "ERROR one", "INFO two", "ERROR three");
        logs.createLogStream(r -> r.logGroupName("sdk/filter").logStreamName("b"));
        logs.putLogEvents(r -> r.logGroupName("sdk/filter").logStreamName("b").logEvents(event(T + 1, "ERROR b")));

        FilterLogEventsResponse all = logs.filterLogEvents(r -> r.logGroupName("sdk/filter").filterPattern("ERROR"));
        FilterLogEventsResponse onlyA = logs.filterLogEvents(r -> r.logGroupName("sdk/filter").filterPattern("ERROR")
                .logStreamNames("a").startTime(T + 1).endTime(T + 3));

        assertEquals(List.of("ERROR one", "ERROR b", "ERROR three"),
                all.events().stream().map(FilteredLogEvent::message).toList());
        assertEquals("b", all.events().get(1).logStreamName());
        assertEquals(List.of("ERROR three"), onlyA.events().stream().map(FilteredLogEvent::message).toList());
    }

    @Test
    void filterLogEvents_withJsonAndSpaceDelimitedPatterns_returnsTheMatchingEvents() {
        stream("sdk/patterns", "a", "{\"level\":\"ERROR\",\"latency\":900}", "{\"level\":\"INFO\",\"latency\":20}",
                "{\"level\":\"ERROR\",\"latency\":12}", "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "
                        + "\"GET /a.html HTTP/1.0\" 503 1534", "10.0.0.2 - bob [10/Oct/2000:13:26:00 -0700] "
                        + "\"GET /b.html HTTP/1.0\" 200 88");

        assertEquals(List.of("{\"level\":\"ERROR\",\"latency\":900}"), messages("sdk/patterns",
                "{ $.level = \"ERROR\" && $.latency > 500 }"));
        assertEquals(2, messages("sdk/patterns", "{ ($.level = ERROR) || ($.latency < 15) }").size());
        assertEquals(1, messages("sdk/patterns", "[ip, user, username, timestamp, request, status = 5*, bytes]")
                .size());
        assertEquals(List.of("10.0.0.2 - bob [10/Oct/2000:13:26:00 -0700] \"GET /b.html HTTP/1.0\" 200 88"),
                messages("sdk/patterns", "[ip, ..., status = 200, bytes < 100]"));
        InvalidParameterException invalid = assertThrows(InvalidParameterException.class, () -> messages(
                "sdk/patterns", "{ $.level = }"));
        assertTrue(invalid.getMessage().contains("Invalid filter pattern"), invalid.getMessage());
    }

    private List<String> messages(String group, String pattern) {
        return logs.filterLogEvents(r -> r.logGroupName(group).filterPattern(pattern)).events().stream()
                .map(FilteredLogEvent::message).toList();
    }

    @Test
    void filterLogEvents_ofMissingGroup_throwsResourceNotFound() {
        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> logs.filterLogEvents(r -> r.logGroupName("sdk/never-created").filterPattern("x")));

        assertTrue(error.awsErrorDetails().errorMessage().contains("log group"),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void describeLogStreams_ofMissingGroup_throwsResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> logs.describeLogStreams(r -> r.logGroupName("sdk/no-such-group")));
    }

    @Test
    void putLogEvents_intoMissingStream_throwsResourceNotFound() {
        logs.createLogGroup(r -> r.logGroupName("sdk/no-stream-put"));

        assertThrows(ResourceNotFoundException.class, () -> logs.putLogEvents(r -> r
                .logGroupName("sdk/no-stream-put").logStreamName("missing").logEvents(event(T, "lost"))));
    }

    @Test
    void createLogGroup_withInvalidName_throwsInvalidParameter() {
        assertThrows(InvalidParameterException.class, () -> logs.createLogGroup(r -> r.logGroupName("bad name!")));
    }

    private void stream(String group, String stream, String... messages) {
        logs.createLogGroup(r -> r.logGroupName(group));
        logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
        InputLogEvent[] events = new InputLogEvent[messages.length];
        for (int i = 0; i < messages.length; i++) {
            events[i] = event(T + i, messages[i]);
        }
        logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
    }

    private static InputLogEvent event(long timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp).message(message).build();
    }
}
