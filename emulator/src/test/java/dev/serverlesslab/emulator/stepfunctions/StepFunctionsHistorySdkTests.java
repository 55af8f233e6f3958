package dev.serverlesslab.emulator.stepfunctions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * GetExecutionHistory for states inside Parallel branches and Map iterations, read through the SDK v2: the event
 * types AWS records there and the {@code previousEventId} chain AWS's histories show (an iteration starts after what
 * came before it; MapIterationSucceeded, MapStateSucceeded and ParallelStateSucceeded follow the latest event
 * without becoming the one the next event follows).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFunctionsHistorySdkTests {

    /** Far less than the hour a Wait state in these machines would take: a failure must end them first. */
    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path workDir;
    private StepFunctionsFixture fixture;

    @BeforeAll
    void start() {
        fixture = new StepFunctionsFixture(workDir);
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void mapIterations_oneAtATime_chainLikeAws_withTheirStatesInside() {
        List<HistoryEvent> events = run("map-history", """
                {"StartAt":"Each","States":{
                  "Each":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"Item","States":{
                    "Item":{"Type":"Pass","End":true}}},"End":true}}}""", "[1,2]", ExecutionStatus.SUCCEEDED);

        assertEquals(List.of("ExecutionStarted 0", "MapStateEntered 0", "MapStateStarted 2", "MapIterationStarted 3",
                "PassStateEntered 4", "PassStateExited 5", "MapIterationSucceeded 6", "MapIterationStarted 6",
                "PassStateEntered 8", "PassStateExited 9", "MapIterationSucceeded 10", "MapStateSucceeded 10",
                "MapStateExited 10", "ExecutionSucceeded 13"), typesAndPrevious(events));
        assertEquals(2, events.get(2).mapStateStartedEventDetails().length());
        assertEquals("Each", events.get(3).mapIterationStartedEventDetails().name());
        assertEquals(0, events.get(3).mapIterationStartedEventDetails().index());
        assertEquals(1, events.get(7).mapIterationStartedEventDetails().index());
        assertEquals(1, events.get(10).mapIterationSucceededEventDetails().index());
        assertEquals("Item", events.get(4).stateEnteredEventDetails().name());
        assertEquals("2", events.get(8).stateEnteredEventDetails().input());
    }

    @Test
    void failingMapIteration_recordsMapIterationFailed_thenMapStateFailed_afterTheFailingState() {
        List<HistoryEvent> events = run("map-failure", """
                {"StartAt":"Each","States":{
                  "Each":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"Check","States":{
                    "Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Broken"}],
                      "Default":"Fine"},
                    "Fine":{"Type":"Succeed"},
                    "Broken":{"Type":"Fail","Error":"Broken","Cause":"item 2"}}},"End":true}}}""", "[1,2]",
                ExecutionStatus.FAILED);

        List<String> seen = typesAndPrevious(events);
        // Iteration 1 (item 2, after item 1's iteration): Check entered/exited, Broken entered (ids 11-13); AWS's
        // MapIterationFailed and MapStateFailed both follow the Fail state's entry.
        assertEquals(List.of("ChoiceStateEntered 10", "ChoiceStateExited 11", "FailStateEntered 12",
                "MapIterationFailed 13", "MapStateFailed 13", "ExecutionFailed 15"), seen.subList(10, seen.size()));
        assertEquals("Broken", events.get(events.size() - 1).executionFailedEventDetails().error());
        assertEquals(1, events.get(13).mapIterationFailedEventDetails().index());
    }

    @Test
    void aFailingIteration_failsTheMapAtOnce_abortingASiblingThatWouldWaitAnHour() {
        List<HistoryEvent> events = run("map-abort", """
                {"StartAt":"Each","States":{
                  "Each":{"Type":"Map","ItemProcessor":{"StartAt":"Check","States":{
                    "Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Broken"}],
                      "Default":"Slow"},
                    "Slow":{"Type":"Wait","Seconds":3600,"End":true},
                    "Broken":{"Type":"Fail","Error":"Broken","Cause":"item 2"}}},"End":true}}}""", "[1,2]",
                ExecutionStatus.FAILED);

        List<HistoryEventType> types = events.stream().map(HistoryEvent::type).toList();
        HistoryEvent mapFailed = events.stream().filter(e -> e.type() == HistoryEventType.MAP_STATE_FAILED)
                .findFirst().orElseThrow(() -> new AssertionError("no MapStateFailed in " + types));
        HistoryEvent failEntered = events.stream().filter(e -> e.type() == HistoryEventType.FAIL_STATE_ENTERED)
                .findFirst().orElseThrow();
        assertEquals(failEntered.id(), mapFailed.previousEventId(), "MapStateFailed follows the failing state");
        assertTrue(types.indexOf(HistoryEventType.MAP_ITERATION_FAILED) < types.indexOf(
                HistoryEventType.MAP_STATE_FAILED), types.toString());
        // The sibling, when it had begun, is recorded as aborted before the Map fails.
        int aborted = types.indexOf(HistoryEventType.MAP_ITERATION_ABORTED);
        assertTrue(aborted < types.indexOf(HistoryEventType.MAP_STATE_FAILED), types.toString());
        if (aborted >= 0) {
            assertEquals(0, events.get(aborted).mapIterationAbortedEventDetails().index());
        }
        assertEquals(HistoryEventType.EXECUTION_FAILED, types.get(types.size() - 1));
    }

    @Test
    void parallelBranches_startAfterParallelStateStarted_andTheStateEndsAfterTheirLastEvent() {
        List<HistoryEvent> events = run("parallel-history", """
                {"StartAt":"Both","States":{
                  "Both":{"Type":"Parallel","Branches":[
                    {"StartAt":"Left","States":{"Left":{"Type":"Pass","End":true}}},
                    {"StartAt":"Right","States":{"Right":{"Type":"Pass","Next":"RightAgain"},
                      "RightAgain":{"Type":"Pass","End":true}}}],"End":true}}}""", "{}", ExecutionStatus.SUCCEEDED);

        Map<Long, HistoryEvent> byId = events.stream().collect(Collectors.toMap(HistoryEvent::id,
                Function.identity()));
        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PARALLEL_STATE_ENTERED,
                HistoryEventType.PARALLEL_STATE_STARTED), events.subList(0, 3).stream().map(HistoryEvent::type)
                .toList());
        assertEquals(2, events.get(2).previousEventId());
        HistoryEvent left = entered(events, "Left");
        HistoryEvent right = entered(events, "Right");
        assertEquals(3, left.previousEventId(), "a branch's first state follows ParallelStateStarted");
        assertEquals(3, right.previousEventId(), "a branch's first state follows ParallelStateStarted");
        HistoryEvent again = entered(events, "RightAgain");
        assertEquals(HistoryEventType.PASS_STATE_EXITED, byId.get(again.previousEventId()).type());
        assertEquals("Right", byId.get(again.previousEventId()).stateExitedEventDetails().name(),
                "inside a branch each state follows the one before it in that branch");
        HistoryEvent succeeded = events.get(events.size() - 3);
        HistoryEvent exited = events.get(events.size() - 2);
        assertEquals(HistoryEventType.PARALLEL_STATE_SUCCEEDED, succeeded.type());
        assertEquals(HistoryEventType.PARALLEL_STATE_EXITED, exited.type());
        HistoryEvent lastOfABranch = byId.get(succeeded.previousEventId());
        assertEquals(HistoryEventType.PASS_STATE_EXITED, lastOfABranch.type());
        assertTrue(List.of("Left", "RightAgain").contains(lastOfABranch.stateExitedEventDetails().name()),
                lastOfABranch.toString());
        assertEquals(succeeded.previousEventId(), exited.previousEventId(),
                "ParallelStateExited follows the branches' last event, as ParallelStateSucceeded does");
        assertEquals(exited.id(), events.get(events.size() - 1).previousEventId());
        assertEquals(12, events.size(), "ExecutionStarted, ParallelStateEntered/Started, three states entered and exited, "
                + "ParallelStateSucceeded/Exited, ExecutionSucceeded: " + events);
    }

    private List<HistoryEvent> run(String name, String definition, String input, ExecutionStatus expected) {
        String machine = fixture.machine(name, definition);
        String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
        await().atMost(RUN).until(() -> fixture.sfn.describeExecution(b -> b.executionArn(execution)).status()
                != ExecutionStatus.RUNNING);
        assertEquals(expected, fixture.sfn.describeExecution(b -> b.executionArn(execution)).status());
        List<HistoryEvent> events = fixture.sfn.getExecutionHistoryPaginator(b -> b.executionArn(execution))
                .events().stream().toList();
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id(), "ids count up from 1 in the order events happened");
        }
        return events;
    }

    private static List<String> typesAndPrevious(List<HistoryEvent> events) {
        return events.stream().map(e -> e.typeAsString() + " " + e.previousEventId()).toList();
    }

    private static HistoryEvent entered(List<HistoryEvent> events, String state) {
        return events.stream().filter(e -> e.stateEnteredEventDetails() != null
                && state.equals(e.stateEnteredEventDetails().name())).findFirst().orElseThrow();
    }
}
