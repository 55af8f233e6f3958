package dev.serverlesslab.graders.check;

import java.time.Duration;

/**
 * The grading's Step Functions state machines by the logical names {@code resources.stateMachines} gives them: start
 * an execution, wait for it to end, and read its history as the states it went through and the failures on the way.
 * Checks receive it as a test method parameter.
 *
 * <pre>{@code
 * @Test void shipsAValidOrder(StateMachines machines) {
 *     Execution execution = machines.run("order", "{\"orderId\":\"o-1\"}", Duration.ofSeconds(30));
 *     assertTrue(execution.succeeded(), execution::describe);
 *     assertEquals(List.of("Validate", "Charge", "Ship"), execution.history().entered());
 * }
 * }</pre>
 * A name the exercise does not declare throws {@link IllegalArgumentException} listing the declared ones.
 */
public interface StateMachines {

    /** Starts an execution with {@code input} (JSON) and answers its ARN. */
    String start(String machine, String input);

    /**
     * Waits until the execution is no longer RUNNING and answers it with its history; when {@code within} has passed
     * first, the check fails with the states it has entered so far.
     */
    Execution await(String executionArn, Duration within);

    /** {@link #start} then {@link #await}. */
    default Execution run(String machine, String input, Duration within) {
        return await(start(machine, input), within);
    }

    /** The execution's history so far, whether or not it has ended. */
    ExecutionHistory history(String executionArn);
}
