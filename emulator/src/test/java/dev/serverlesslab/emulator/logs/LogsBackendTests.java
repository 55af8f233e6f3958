package dev.serverlesslab.emulator.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CloudWatch Logs rules without HTTP: groups, streams, paging tokens, filtering and a source's events. */
class LogsBackendTests {

    private static final AccountRegion SCOPE = new AccountRegion("000000000000", "us-east-1");
    private static final long NOW = 1_700_000_000_000L;

    private final List<LogSource.SourceEvent> lambdaEvents = new ArrayList<>();
    private final LogSource source = new LogSource() {
        @Override
        public List<String> logGroupNames(AccountRegion scope) {
            return List.of("/aws/lambda/fn");
        }

        @Override
        public List<SourceEvent> events(AccountRegion scope, String logGroupName) {
            return "/aws/lambda/fn".equals(logGroupName) ? List.copyOf(lambdaEvents) : List.of();
        }
    };
    private final LogsBackend backend = new LogsBackend(source,
            Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    @Test
    void createLogGroup_twice_failsWithAlreadyExists() {
        backend.createLogGroup(SCOPE, "app");

        AwsException error = assertThrows(AwsException.class, () -> backend.createLogGroup(SCOPE, "app"));

        assertEquals("ResourceAlreadyExistsException", error.code());
    }

    @Test
    void createLogGroup_withInvalidName_failsWithInvalidParameter() {
        AwsException error = assertThrows(AwsException.class, () -> backend.createLogGroup(SCOPE, "bad name!"));

        assertEquals("InvalidParameterException", error.code());
        assertTrue(error.getMessage().contains("'bad name!'"), error.getMessage());
    }

    @Test
    void describeLogGroups_withPrefix_listsMatchingGroupsAlphabetically() {
        backend.createLogGroup(SCOPE, "app/b");
        backend.createLogGroup(SCOPE, "app/a");
        backend.createLogGroup(SCOPE, "other");

        List<String> names = backend.describeLogGroups(SCOPE, "app/").stream()
                .map(LogGroupInfo::logGroupName).toList();

        assertEquals(List.of("app/a", "app/b"), names);
    }

    @Test
    void describeLogGroups_inAnotherRegion_seesNothing() {
        backend.createLogGroup(SCOPE, "app");

        assertEquals(List.of(), backend.describeLogGroups(new AccountRegion("000000000000", "eu-west-1"), null));
    }

    @Test
    void deleteLogGroup_ofMissingGroup_failsWithNotFound() {
        AwsException error = assertThrows(AwsException.class, () -> backend.deleteLogGroup(SCOPE, "missing"));

        assertEquals("ResourceNotFoundException", error.code());
    }

    @Test
    void putLogEvents_intoMissingStream_failsWithNotFound() {
        backend.createLogGroup(SCOPE, "app");

        AwsException error = assertThrows(AwsException.class, () -> backend.putLogEvents(SCOPE, "app", "s",
                List.of(new LogsEvent("s", NOW, "x", 0))));

        assertEquals("ResourceNotFoundException", error.code());
    }

    @Test
    void putLogEvents_outOfOrder_failsWithInvalidParameterNamingTheEvent() {
        backend.createLogGroup(SCOPE, "app");
        backend.createLogStream(SCOPE, "app", "s");

        AwsException error = assertThrows(AwsException.class, () -> backend.putLogEvents(SCOPE, "app", "s",
                List.of(new LogsEvent("s", NOW, "b", 0), new LogsEvent("s", NOW - 1, "a", 0))));

        assertEquals("InvalidParameterException", error.code());
        assertTrue(error.getMessage().contains("logEvents[1]"), error.getMessage());
    }

    @Test
    void getLogEvents_pagesForwardAndBackwardWithTokens() {
        putNumbered("app", "s", 5);

        EventPage first = backend.getLogEvents(SCOPE, "app", "s", null, null, null, 2, true);
        EventPage second = backend.getLogEvents(SCOPE, "app", "s", null, null, first.nextForwardToken(), 2, true);
        EventPage back = backend.getLogEvents(SCOPE, "app", "s", null, null, second.nextBackwardToken(), 2, true);

        assertEquals(List.of("m0", "m1"), messages(first.events()));
        assertEquals(List.of("m2", "m3"), messages(second.events()));
        assertEquals(List.of("m0", "m1"), messages(back.events()));
    }

    @Test
    void getLogEvents_fromTail_returnsNewestAndEndTokenStaysPut() {
        putNumbered("app", "s", 5);

        EventPage tail = backend.getLogEvents(SCOPE, "app", "s", null, null, null, 2, false);
        EventPage after = backend.getLogEvents(SCOPE, "app", "s", null, null, tail.nextForwardToken(), 2, false);

        assertEquals(List.of("m3", "m4"), messages(tail.events()));
        assertEquals(List.of(), after.events());
        assertEquals(tail.nextForwardToken(), after.nextForwardToken());
    }

    @Test
    void getLogEvents_withTimeRange_keepsStartAndExcludesEnd() {
        putNumbered("app", "s", 5);

        EventPage page = backend.getLogEvents(SCOPE, "app", "s", NOW + 1, NOW + 3, null, null, true);

        assertEquals(List.of("m1", "m2"), messages(page.events()));
    }

    @Test
    void getLogEvents_withForgedToken_failsWithInvalidParameter() {
        putNumbered("app", "s", 1);

        AwsException error = assertThrows(AwsException.class,
                () -> backend.getLogEvents(SCOPE, "app", "s", null, null, "x/1", null, true));

        assertEquals("InvalidParameterException", error.code());
    }

    @Test
    void describeLogStreams_byLastEventTimeDescending_putsNewestFirst() {
        backend.createLogGroup(SCOPE, "app");
        backend.createLogStream(SCOPE, "app", "a");
        backend.createLogStream(SCOPE, "app", "b");
        backend.putLogEvents(SCOPE, "app", "a", List.of(new LogsEvent("a", NOW + 10, "late", 0)));
        backend.putLogEvents(SCOPE, "app", "b", List.of(new LogsEvent("b", NOW, "early", 0)));

        List<LogStreamInfo> byTime = backend.describeLogStreams(SCOPE, "app", null, "LastEventTime", true);
        List<LogStreamInfo> byName = backend.describeLogStreams(SCOPE, "app", null, null, false);

        assertEquals(List.of("a", "b"), byTime.stream().map(LogStreamInfo::logStreamName).toList());
        assertEquals(NOW + 10, byTime.get(0).lastEventTimestamp());
        assertEquals(List.of("a", "b"), byName.stream().map(LogStreamInfo::logStreamName).toList());
    }

    @Test
    void describeLogStreams_ofEmptyStream_hasNoEventTimes() {
        backend.createLogGroup(SCOPE, "app");
        backend.createLogStream(SCOPE, "app", "empty");

        LogStreamInfo stream = backend.describeLogStreams(SCOPE, "app", null, null, false).get(0);

        assertNull(stream.lastEventTimestamp());
        assertEquals("arn:aws:logs:us-east-1:000000000000:log-group:app:log-stream:empty", stream.arn());
    }

    @Test
    void filterLogEvents_matchesEveryTermAcrossStreamsOldestFirst() {
        backend.createLogGroup(SCOPE, "app");
        backend.createLogStream(SCOPE, "app", "a");
        backend.createLogStream(SCOPE, "app", "b");
        backend.putLogEvents(SCOPE, "app", "a", List.of(new LogsEvent("a", NOW + 2, "ERROR disk full", 0),
                new LogsEvent("a", NOW + 3, "INFO ok", 0)));
        backend.putLogEvents(SCOPE, "app", "b", List.of(new LogsEvent("b", NOW + 1, "ERROR disk slow", 0),
                new LogsEvent("b", NOW + 4, "ERROR net", 0)));

        FilteredEvents found = backend.filterLogEvents(SCOPE, "app", List.of(), null, null, null, "ERROR disk",
                null, null);

        assertEquals(List.of("ERROR disk slow", "ERROR disk full"), messages(found.events()));
        assertEquals(List.of("a", "b"), found.searchedStreams());
    }

    @Test
    void filterLogEvents_withStreamNamesAndTimeRange_searchesOnlyThose() {
        backend.createLogGroup(SCOPE, "app");
        backend.createLogStream(SCOPE, "app", "a");
        backend.createLogStream(SCOPE, "app", "b");
        backend.putLogEvents(SCOPE, "app", "a", List.of(new LogsEvent("a", NOW, "x1", 0),
                new LogsEvent("a", NOW + 5, "x2", 0)));
        backend.putLogEvents(SCOPE, "app", "b", List.of(new LogsEvent("b", NOW, "x3", 0)));

        FilteredEvents found = backend.filterLogEvents(SCOPE, "app", List.of("a"), null, NOW + 1, null, null,
                null, null);

        assertEquals(List.of("x2"), messages(found.events()));
    }

    @Test
    void filterLogEvents_withLimit_continuesFromNextToken() {
        putNumbered("app", "s", 3);

        FilteredEvents first = backend.filterLogEvents(SCOPE, "app", List.of(), null, null, null, null, null, 2);
        FilteredEvents rest = backend.filterLogEvents(SCOPE, "app", List.of(), null, null, null, null,
                first.nextToken(), 2);

        assertEquals(List.of("m0", "m1"), messages(first.events()));
        assertEquals(List.of("m2"), messages(rest.events()));
        assertNull(rest.nextToken());
    }

    @Test
    void sourceEvents_makeTheGroupAndStreamReadable() {
        lambdaEvents.add(new LogSource.SourceEvent("env-1", NOW, "START RequestId: r1"));
        lambdaEvents.add(new LogSource.SourceEvent("env-1", NOW + 1, "hello"));

        EventPage page = backend.getLogEvents(SCOPE, "/aws/lambda/fn", "env-1", null, null, null, null, true);

        assertEquals(List.of("START RequestId: r1", "hello"), messages(page.events()));
        assertEquals(List.of("/aws/lambda/fn"), backend.describeLogGroups(SCOPE, "/aws/")
                .stream().map(LogGroupInfo::logGroupName).toList());
        assertThrows(AwsException.class, () -> backend.createLogGroup(SCOPE, "/aws/lambda/fn"));
    }

    @Test
    void deleteLogGroup_ofSourceGroup_hidesEventsWrittenBefore() {
        lambdaEvents.add(new LogSource.SourceEvent("env-1", NOW - 5, "old"));
        backend.deleteLogGroup(SCOPE, "/aws/lambda/fn");
        lambdaEvents.add(new LogSource.SourceEvent("env-1", NOW + 5, "new"));

        EventPage page = backend.getLogEvents(SCOPE, "/aws/lambda/fn", "env-1", null, null, null, null, true);

        assertEquals(List.of("new"), messages(page.events()));
    }

    private void putNumbered(String group, String stream, int count) {
        backend.createLogGroup(SCOPE, group);
        backend.createLogStream(SCOPE, group, stream);
        List<LogsEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new LogsEvent(stream, NOW + i, "m" + i, 0));
        }
        backend.putLogEvents(SCOPE, group, stream, events);
    }

    private static List<String> messages(List<LogsEvent> events) {
        return events.stream().map(LogsEvent::message).toList();
    }
}
