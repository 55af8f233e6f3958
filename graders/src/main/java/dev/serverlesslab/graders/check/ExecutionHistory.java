package dev.serverlesslab.graders.check;

import java.util.List;

/**
 * A Step Functions execution's history ({@code GetExecutionHistory}) as checks ask about it: the states entered and
 * exited, in order, and every failure on the way, retried or caught ones included.
 *
 * @param entered the name of each state entered, once per entry (a Retry does not enter the state again); states
 *     inside Parallel branches and Map iterations too (the Parallel or Map state first), in the order they ran, so
 *     branches running side by side interleave
 * @param exited the name of each state exited
 * @param failures each task, Lambda function or execution failure event, oldest first
 */
public record ExecutionHistory(List<String> entered, List<String> exited, List<Failure> failures) {

    public ExecutionHistory {
        entered = List.copyOf(entered);
        exited = List.copyOf(exited);
        failures = List.copyOf(failures);
    }

    /**
     * One failure event.
     *
     * @param state the state it happened in (for a Task's failure, that Task, also inside a Parallel branch or a
     *     Map iteration running beside others), or null for the execution's own failure
     * @param event the history event type, e.g. {@code LambdaFunctionFailed}, {@code TaskFailed},
     *     {@code ExecutionFailed}
     * @param error the error name, e.g. {@code orders.CardDeclinedException}
     * @param cause the cause, possibly empty
     */
    public record Failure(String state, String event, String error, String cause) {
    }

    /** How often the state was entered. */
    public int timesEntered(String state) {
        return (int) entered.stream().filter(state::equals).count();
    }

    /** The failures while {@code state} ran (each failed attempt of a retried Task is one). */
    public List<Failure> failuresIn(String state) {
        return failures.stream().filter(failure -> state.equals(failure.state())).toList();
    }

    /** "entered Validate → Charge → Ship; failures: Charge: orders.PaymentGatewayBusyException". */
    public String describe() {
        String path = entered.isEmpty() ? "entered no state" : "entered " + String.join(" → ", entered);
        if (failures.isEmpty()) {
            return path;
        }
        return path + "; failures: " + String.join(", ", failures.stream().map(failure ->
                (failure.state() == null ? "execution" : failure.state()) + ": " + failure.error()).toList());
    }
}
