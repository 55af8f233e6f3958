package dev.serverlesslab.emulator.lambda;

/**
 * The UpdateFunctionCode request members the emulator uses (names as in the Lambda API); absent members are null.
 */
public record UpdateFunctionCodeRequest(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion,
        Boolean publish, String revisionId) {

    /** The request without an object version. */
    public UpdateFunctionCodeRequest(byte[] zipFile, String s3Bucket, String s3Key, Boolean publish,
            String revisionId) {
        this(zipFile, s3Bucket, s3Key, null, publish, revisionId);
    }
}
