package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AwsException;
/**
 * The errors AWS answers for a request whose credentials it does not accept, in each protocol's code and status
 * (JSON services: {@code UnrecognizedClientException}; query services: {@code InvalidClientTokenId}).
 */
final class CredentialErrors {

    private static final String WHAT_TO_DO = " Serverless Lab's emulator in strict mode accepts only credentials it "
            + "issued: in a function use the ones Lambda put in its environment (AWS_ACCESS_KEY_ID, "
            + "AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), which the SDK's default credentials provider reads.";

    private CredentialErrors() {
    }

    /** The key id is not one this emulator issued. */
    static AwsException invalidToken(Protocol protocol) {
        String message = "The security token included in the request is invalid." + WHAT_TO_DO;
        return switch (protocol) {
            case QUERY -> new AwsException("InvalidClientTokenId", message, 403);
            case REST_XML -> new AwsException("InvalidAccessKeyId", message, 403);
            case REST_JSON -> new AwsException("UnrecognizedClientException", message, 403);
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsException("UnrecognizedClientException", message, 400);
        };
    }

    /** The request carries no SigV4 credential at all. */
    static AwsException missingToken(Protocol protocol) {
        String message = "Request is missing Authentication Token." + WHAT_TO_DO;
        return switch (protocol) {
            case QUERY -> new AwsException("MissingAuthenticationToken", message, 403);
            case REST_XML -> new AwsException("AccessDenied", message, 403);
            case REST_JSON -> new AwsException("MissingAuthenticationTokenException", message, 403);
            case AWS_JSON_1_0, AWS_JSON_1_1 -> new AwsException("MissingAuthenticationTokenException", message, 400);
        };
    }
}
