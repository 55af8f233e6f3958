package dev.serverlesslab.emulator.stepfunctions;

import dev.serverlesslab.emulator.core.AwsException;

/** The AWS Step Functions error codes the emulator answers with; all are the caller's fault, so HTTP 400. */
final class StepFunctionsErrors {

    private StepFunctionsErrors() {
    }

    static AwsException of(String code, String message) {
        return new AwsException(code, message, 400);
    }

    static AwsException validation(String message) {
        return of("ValidationException", message);
    }

    static AwsException invalidArn(String arn, String kind) {
        return of("InvalidArn", "Invalid Arn: '" + arn + "' is not a " + kind + " ARN");
    }

    static AwsException noStateMachine(String arn) {
        return of("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    }

    static AwsException noExecution(String arn) {
        return of("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    }
}
