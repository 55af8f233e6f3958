package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Execution;
import dev.serverlesslab.graders.check.ExecutionHistory;
import dev.serverlesslab.graders.check.Resources;
import dev.serverlesslab.graders.check.StateMachines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * {@link StateMachines} through the grading's {@link SfnClient}, machines found by logical name in
 * {@link Resources}; the history is read with GetExecutionHistory's paginator, a failure attributed to the state
 * whose events lead to it (previousEventId), so one inside a Parallel branch or Map iteration names its own state.
 */
final class SdkStateMachines implements StateMachines {

    private final SfnClient sfn;
    private final Resources resources;

    SdkStateMachines(SfnClient sfn, Resources resources) {
        this.sfn = sfn;
        this.resources = resources;
    }

    @Override
    public String start(String machine, String input) {
        String arn = resources.stateMachineArn(machine);
        return sfn.startExecution(b -> b.stateMachineArn(arn).input(input)).executionArn();
    }

    @Override
    public Execution await(String executionArn, Duration within) {
        DescribeExecutionResponse ended = Eventually.get("execution " + executionArn + " to end", within, () -> {
            DescribeExecutionResponse now = sfn.describeExecution(b -> b.executionArn(executionArn));
            return now.status() == ExecutionStatus.RUNNING ? Optional.empty() : Optional.of(now);
        }, () -> "it is still RUNNING, having " + history(executionArn).describe());
        return new Execution(executionArn, ended.statusAsString(), ended.input(), ended.output(), ended.error(),
                ended.cause(), history(executionArn));
    }

    @Override
    public ExecutionHistory history(String executionArn) {
        List<String> entered = new ArrayList<>();
        List<String> exited = new ArrayList<>();
        List<ExecutionHistory.Failure> failures = new ArrayList<>();
        // The state each event belongs to, found along previousEventId: inside Parallel branches and Map iterations
        // events of several states interleave, but each names the event before it in its own branch.
        Map<Long, String> stateOf = new HashMap<>();
        for (HistoryEvent event : sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn)
                .maxResults(1000)).events()) {
            String state;
            if (event.stateEnteredEventDetails() != null) {
                state = event.stateEnteredEventDetails().name();
                entered.add(state);
            } else if (event.stateExitedEventDetails() != null) {
                state = event.stateExitedEventDetails().name();
                exited.add(state);
            } else {
                state = event.typeAsString().startsWith("Execution") ? null
                        : stateOf.get(event.previousEventId());
                failure(event).ifPresent(failure -> failures.add(new ExecutionHistory.Failure(state,
                        event.typeAsString(), failure[0], failure[1] == null ? "" : failure[1])));
            }
            stateOf.put(event.id(), state);
        }
        return new ExecutionHistory(entered, exited, failures);
    }

    /** The error and cause of a failure event, or empty for any other event. */
    private static Optional<String[]> failure(HistoryEvent event) {
        if (event.lambdaFunctionFailedEventDetails() != null) {
            return pair(event.lambdaFunctionFailedEventDetails().error(),
                    event.lambdaFunctionFailedEventDetails().cause());
        }
        if (event.lambdaFunctionTimedOutEventDetails() != null) {
            return pair(event.lambdaFunctionTimedOutEventDetails().error(),
                    event.lambdaFunctionTimedOutEventDetails().cause());
        }
        if (event.lambdaFunctionScheduleFailedEventDetails() != null) {
            return pair(event.lambdaFunctionScheduleFailedEventDetails().error(),
                    event.lambdaFunctionScheduleFailedEventDetails().cause());
        }
        if (event.lambdaFunctionStartFailedEventDetails() != null) {
            return pair(event.lambdaFunctionStartFailedEventDetails().error(),
                    event.lambdaFunctionStartFailedEventDetails().cause());
        }
        if (event.taskFailedEventDetails() != null) {
            return pair(event.taskFailedEventDetails().error(), event.taskFailedEventDetails().cause());
        }
        if (event.taskTimedOutEventDetails() != null) {
            return pair(event.taskTimedOutEventDetails().error(), event.taskTimedOutEventDetails().cause());
        }
        if (event.taskStartFailedEventDetails() != null) {
            return pair(event.taskStartFailedEventDetails().error(), event.taskStartFailedEventDetails().cause());
        }
        if (event.taskSubmitFailedEventDetails() != null) {
            return pair(event.taskSubmitFailedEventDetails().error(), event.taskSubmitFailedEventDetails().cause());
        }
        if (event.executionFailedEventDetails() != null) {
            return pair(event.executionFailedEventDetails().error(), event.executionFailedEventDetails().cause());
        }
        if (event.executionTimedOutEventDetails() != null) {
            return pair(event.executionTimedOutEventDetails().error(),
                    event.executionTimedOutEventDetails().cause());
        }
        if (event.executionAbortedEventDetails() != null) {
            return pair(event.executionAbortedEventDetails().error(), event.executionAbortedEventDetails().cause());
        }
        return Optional.empty();
    }

    private static Optional<String[]> pair(String error, String cause) {
        return Optional.of(new String[] {error, cause});
    }
}
