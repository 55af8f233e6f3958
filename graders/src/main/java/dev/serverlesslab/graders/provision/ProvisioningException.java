package dev.serverlesslab.graders.provision;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * The backend refused or failed to create a resource an exercise declares; the message says which resource and
 * carries the backend's own answer, since the grading cannot go on without it.
 */
public class ProvisioningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ProvisioningException(String what, RuntimeException cause) {
        super("could not create " + what + ": " + describe(cause), cause);
    }

    /** The backend's error code and message, without the SDK's request-id noise, or the exception's message. */
    static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            String message = aws.awsErrorDetails().errorMessage();
            return (code == null ? "" : code + ": ") + (message == null ? aws.getMessage() : message);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
