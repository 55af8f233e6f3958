package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.List;

/**
 * The Lambda error codes the emulator answers with, each with Lambda's own wording.
 */
public final class LambdaErrors {

    private LambdaErrors() {
    }

    public static AwsException functionNotFound(String functionArn) {
        return new AwsException("ResourceNotFoundException", "Function not found: " + functionArn, 404);
    }

    public static AwsException functionExists(String functionName) {
        return new AwsException("ResourceConflictException", "Function already exist: " + functionName, 409);
    }

    public static AwsException conflict(String message) {
        return new AwsException("ResourceConflictException", message, 409);
    }

    public static AwsException notFound(String message) {
        return new AwsException("ResourceNotFoundException", message, 404);
    }

    public static AwsException preconditionFailed(String message) {
        return new AwsException("PreconditionFailedException", message, 412);
    }

    public static AwsException invalidParameter(String message) {
        return new AwsException("InvalidParameterValueException", message, 400);
    }

    public static AwsException tooLarge(String message) {
        return new AwsException("RequestEntityTooLargeException", message, 413);
    }

    /** An Event invocation's payload over the asynchronous limit: Lambda's model names this error for it. */
    public static AwsException requestTooLarge(String message) {
        return new AwsException("RequestTooLargeException", message, 413);
    }

    public static AwsException invalidRequestContent(String message) {
        return new AwsException("InvalidRequestContentException", message, 400);
    }

    /** Constraint violations of the API model, listed the way AWS's request validation reports them. */
    public static AwsException validation(List<String> violations) {
        String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
        return new AwsException("ValidationException",
                count + " detected: " + String.join("; ", violations), 400);
    }

    /** One model violation: {@code Value 'x' at 'member' failed to satisfy constraint: ...}. */
    public static String violation(Object value, String member, String constraint) {
        return "Value '" + value + "' at '" + member + "' failed to satisfy constraint: " + constraint;
    }
}
