package dev.serverlesslab.graders.check;

/**
 * A Step Functions execution as it ended, with its history ({@link StateMachines#await}).
 *
 * @param status {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code ABORTED}
 * @param output the output JSON, null unless it succeeded
 * @param error the error it failed with (e.g. a Fail state's {@code Error}), else null
 * @param cause that error's cause, else null
 */
public record Execution(String arn, String status, String input, String output, String error, String cause,
        ExecutionHistory history) {

    public boolean succeeded() {
        return "SUCCEEDED".equals(status);
    }

    /**
     * How it ended, for assertion messages: "FAILED with PaymentDeclined (The card was declined) after Validate →
     * Charge → Declined; failures: Charge: orders.CardDeclinedException".
     */
    public String describe() {
        return status + (error == null ? "" : " with " + error + (cause == null || cause.isEmpty() ? ""
                : " (" + cause + ")")) + (output == null ? "" : ", output " + output) + "; " + history.describe();
    }
}
