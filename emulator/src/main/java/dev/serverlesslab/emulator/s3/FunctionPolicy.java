package dev.serverlesslab.emulator.s3;

/**
 * Whether a Lambda function's resource-based policy lets a service invoke it for a source, as S3 checks before it
 * accepts the function as a notification destination (Lambda's {@code FunctionPermissions.allowsService}).
 */
@FunctionalInterface
public interface FunctionPolicy {

    /** True when the function exists and its policy allows {@code principal} for the source ARN and account. */
    boolean allows(String functionArn, String principal, String sourceArn, String sourceAccount);
}
