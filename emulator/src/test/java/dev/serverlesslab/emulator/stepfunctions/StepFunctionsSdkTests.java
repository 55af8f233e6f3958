package dev.serverlesslab.emulator.stepfunctions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.Failing;
import fixtures.Flaky;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.StateMachineTypeNotSupportedException;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;
import software.amazon.awssdk.services.sfn.model.Tag;

/**
 * Step Functions through the AWS SDK v2: state machines are created, described, updated, tagged and deleted;
 * executions run Lambda functions with Retry and Catch, wait on the emulator clock, run synchronously on EXPRESS
 * machines, stop, and leave the history AWS writes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepFunctionsSdkTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RUN = Duration.ofSeconds(90);

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
    void stateMachine_isCreatedDescribedUpdatedTaggedAndDeleted() {
        String definition = pass("{\"greeting\":\"hello\"}");
        String arn = fixture.sfn.createStateMachine(b -> b.name("crud").roleArn(StepFunctionsFixture.MACHINE_ROLE)
                .definition(definition).tags(Tag.builder().key("team").value("lab").build())).stateMachineArn();

        assertEquals("arn:aws:states:us-east-1:000000000000:stateMachine:crud", arn);
        DescribeStateMachineResponse described = fixture.sfn.describeStateMachine(b -> b.stateMachineArn(arn));
        assertEquals(definition, described.definition());
        assertEquals(StateMachineType.STANDARD, described.type());
        assertEquals("ACTIVE", described.statusAsString());
        assertTrue(fixture.sfn.listStateMachines(b -> { }).stateMachines().stream()
                .anyMatch(item -> item.stateMachineArn().equals(arn)));
        assertEquals(List.of(Tag.builder().key("team").value("lab").build()),
                fixture.sfn.listTagsForResource(b -> b.resourceArn(arn)).tags());

        fixture.sfn.updateStateMachine(b -> b.stateMachineArn(arn).definition(pass("{\"greeting\":\"hi\"}")));
        assertTrue(fixture.sfn.describeStateMachine(b -> b.stateMachineArn(arn)).definition().contains("hi"));
        fixture.sfn.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        fixture.sfn.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertEquals(List.of(Tag.builder().key("env").value("dev").build()),
                fixture.sfn.listTagsForResource(b -> b.resourceArn(arn)).tags());

        fixture.sfn.deleteStateMachine(b -> b.stateMachineArn(arn));
        assertThrows(StateMachineDoesNotExistException.class,
                () -> fixture.sfn.describeStateMachine(b -> b.stateMachineArn(arn)));
    }

    @Test
    void invalidDefinition_isRefusedNamingTheStateAndField() {
        String definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"Missing\"}}}";

        InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                () -> fixture.machine("invalid", definition));

        assertTrue(refused.awsErrorDetails().errorMessage().contains(
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Missing at /States/A/Next"),
                refused.awsErrorDetails().errorMessage());
    }

    @Test
    void unsupportedTaskResource_isRefusedAtCreateNamingIt() {
        String definition = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":"
                + "\"arn:aws:states:::ecs:runTask.sync\",\"End\":true}}}";

        InvalidDefinitionException refused = assertThrows(InvalidDefinitionException.class,
                () -> fixture.machine("ecs-sync", definition));

        assertTrue(refused.awsErrorDetails().errorMessage().contains("arn:aws:states:::ecs:runTask.sync"),
                refused.awsErrorDetails().errorMessage());
    }

    @Test
    void retryAndCatch_overTwoLambdas_retryTheFlakyOneAndCatchTheFailingOne() throws Exception {
        String flaky = fixture.function("sfn-flaky", Flaky.class);
        fixture.function("sfn-failing", Failing.class);
        String arn = fixture.machine("retry-catch", """
                {"StartAt":"Reserve","States":{
                  "Reserve":{"Type":"Task","Resource":"%s","ResultPath":"$.reserved",
                    "Retry":[{"ErrorEquals":["java.lang.IllegalStateException"],"IntervalSeconds":1,
                              "BackoffRate":1.0,"MaxAttempts":3}],
                    "Next":"Charge"},
                  "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                    "Parameters":{"FunctionName":"sfn-failing","Payload":{"order.$":"$.order"}},
                    "Catch":[{"ErrorEquals":["java.lang.IllegalStateException"],"ResultPath":"$.problem",
                              "Next":"Refund"}],
                    "End":true},
                  "Refund":{"Type":"Pass","Result":"refunded","ResultPath":"$.outcome","End":true}}}
                """.formatted(flaky));

        String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(arn).name("order-7")
                .input("{\"order\":\"o-7\",\"failures\":2}")).executionArn();

        DescribeExecutionResponse done = awaitEnd(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done.toString());
        JsonNode output = JSON.readTree(done.output());
        assertEquals(3, output.at("/reserved/attempts").asInt());
        assertEquals("refunded", output.path("outcome").asText());
        assertEquals("java.lang.IllegalStateException", output.at("/problem/Error").asText());
        assertTrue(output.at("/problem/Cause").asText().contains("order o-7 not found"), output.toString());
        List<HistoryEvent> events = history(execution);
        assertEquals(2, count(events, HistoryEventType.LAMBDA_FUNCTION_FAILED));
        assertEquals(1, count(events, HistoryEventType.LAMBDA_FUNCTION_SUCCEEDED));
        assertEquals(1, count(events, HistoryEventType.TASK_FAILED));
        HistoryEvent failed = events.stream().filter(e -> e.type() == HistoryEventType.LAMBDA_FUNCTION_FAILED)
                .findFirst().orElseThrow();
        assertEquals("java.lang.IllegalStateException", failed.lambdaFunctionFailedEventDetails().error());
    }

    @Test
    void waitState_endsWhenTheEmulatorClockIsAdvanced() {
        String arn = fixture.machine("wait-an-hour", """
                {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":3600,"Next":"Done"},
                  "Done":{"Type":"Succeed"}}}""");
        String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        await().atMost(RUN).until(() -> history(execution).stream()
                .anyMatch(e -> e.type() == HistoryEventType.WAIT_STATE_ENTERED));
        assertEquals(ExecutionStatus.RUNNING, describe(execution).status());

        fixture.emulator.clock().advance(Duration.ofHours(1));

        assertEquals(ExecutionStatus.SUCCEEDED, awaitEnd(execution).status());
    }

    @Test
    void startSyncExecution_onExpress_answersTheOutput_andIsRefusedOnStandard() {
        String express = fixture.sfn.createStateMachine(b -> b.name("express-sum").type(StateMachineType.EXPRESS)
                .roleArn(StepFunctionsFixture.MACHINE_ROLE).definition("""
                        {"StartAt":"Sum","States":{"Sum":{"Type":"Pass",
                          "Parameters":{"total.$":"States.MathAdd($.a, $.b)"},"End":true}}}""")).stateMachineArn();

        StartSyncExecutionResponse response = fixture.sfn.startSyncExecution(b -> b.stateMachineArn(express)
                .input("{\"a\":2,\"b\":40}"));

        assertEquals(SyncExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"total\":42}", response.output());
        assertTrue(response.executionArn().startsWith("arn:aws:states:us-east-1:000000000000:express:express-sum:"));
        String standard = fixture.machine("standard-sum", pass("{}"));
        assertThrows(StateMachineTypeNotSupportedException.class,
                () -> fixture.sfn.startSyncExecution(b -> b.stateMachineArn(standard)));
    }

    @Test
    void history_listsAwsEventTypesInOrder_eachFollowingThePreviousOne() {
        String arn = fixture.machine("history", """
                {"StartAt":"Start","States":{
                  "Start":{"Type":"Pass","Result":{"kind":"big"},"Next":"Route"},
                  "Route":{"Type":"Choice","Choices":[{"Variable":"$.kind","StringEquals":"big","Next":"Big"}],
                    "Default":"Small"},
                  "Big":{"Type":"Succeed"},
                  "Small":{"Type":"Fail","Error":"Small","Cause":"too small"}}}""");
        String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();
        awaitEnd(execution);

        List<HistoryEvent> events = history(execution);

        assertEquals(List.of(HistoryEventType.EXECUTION_STARTED, HistoryEventType.PASS_STATE_ENTERED,
                HistoryEventType.PASS_STATE_EXITED, HistoryEventType.CHOICE_STATE_ENTERED,
                HistoryEventType.CHOICE_STATE_EXITED, HistoryEventType.SUCCEED_STATE_ENTERED,
                HistoryEventType.SUCCEED_STATE_EXITED, HistoryEventType.EXECUTION_SUCCEEDED),
                events.stream().map(HistoryEvent::type).toList());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).id());
            // As AWS's histories show, the first state's entry follows 0, as ExecutionStarted does.
            assertEquals(i == 1 ? 0 : i, events.get(i).previousEventId());
        }
        assertEquals("Route", events.get(3).stateEnteredEventDetails().name());
        assertEquals("{\"kind\":\"big\"}", events.get(7).executionSucceededEventDetails().output());
        List<HistoryEvent> reversed = fixture.sfn.getExecutionHistory(b -> b.executionArn(execution)
                .reverseOrder(true).maxResults(2)).events();
        assertEquals(List.of(HistoryEventType.EXECUTION_SUCCEEDED, HistoryEventType.SUCCEED_STATE_EXITED),
                reversed.stream().map(HistoryEvent::type).toList());
    }

    @Test
    void failState_failsTheExecutionWithItsErrorAndCause() {
        String arn = fixture.machine("fail", """
                {"StartAt":"No","States":{"No":{"Type":"Fail","Error":"OrderRejected","Cause":"out of stock"}}}""");
        String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(arn)).executionArn();

        DescribeExecutionResponse done = awaitEnd(execution);

        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("OrderRejected", done.error());
        assertEquals("out of stock", done.cause());
        assertNull(done.output());
    }

    @Test
    void stopExecution_abortsAWaitingExecution_andListExecutionsFiltersByStatus() {
        String arn = fixture.machine("stoppable", """
                {"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":86400,"End":true}}}""");
        String execution = fixture.sfn.startExecution(b -> b.stateMachineArn(arn).name("long-nap")).executionArn();
        assertThrows(ExecutionAlreadyExistsException.class, () -> fixture.sfn.startExecution(b -> b
                .stateMachineArn(arn).name("long-nap").input("{\"other\":true}")));

        fixture.sfn.stopExecution(b -> b.executionArn(execution).error("Cancelled").cause("customer left"));

        DescribeExecutionResponse stopped = describe(execution);
        assertEquals(ExecutionStatus.ABORTED, stopped.status());
        assertEquals("Cancelled", stopped.error());
        assertEquals(List.of(execution), fixture.sfn.listExecutions(b -> b.stateMachineArn(arn)
                .statusFilter(ExecutionStatus.ABORTED)).executions().stream().map(e -> e.executionArn()).toList());
        assertEquals(List.of(), fixture.sfn.listExecutions(b -> b.stateMachineArn(arn)
                .statusFilter(ExecutionStatus.RUNNING)).executions());
        assertEquals(HistoryEventType.EXECUTION_ABORTED, history(execution).get(history(execution).size() - 1)
                .type());
    }

    @Test
    void unimplementedOperation_answersAnAwsErrorNamingIt() {
        SfnException refused = assertThrows(SfnException.class,
                () -> fixture.sfn.createActivity(b -> b.name("worker")));

        assertEquals("UnknownOperationException", refused.awsErrorDetails().errorCode());
        assertTrue(refused.awsErrorDetails().errorMessage().contains("AWSStepFunctions.CreateActivity"));
    }

    private static String pass(String result) {
        return "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":" + result + ",\"End\":true}}}";
    }

    private DescribeExecutionResponse describe(String execution) {
        return fixture.sfn.describeExecution(b -> b.executionArn(execution));
    }

    private DescribeExecutionResponse awaitEnd(String execution) {
        await().atMost(RUN).until(() -> describe(execution).status() != ExecutionStatus.RUNNING);
        return describe(execution);
    }

    private List<HistoryEvent> history(String execution) {
        return fixture.sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
    }

    private static long count(List<HistoryEvent> events, HistoryEventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

}
