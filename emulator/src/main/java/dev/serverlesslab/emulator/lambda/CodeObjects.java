package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;

/**
 * Where Lambda reads a deployment package given as {@code S3Bucket}/{@code S3Key}/{@code S3ObjectVersion}: the
 * emulator's own S3. Lambda fetches the object once, when CreateFunction, UpdateFunctionCode or PublishLayerVersion
 * is called, as AWS does; later changes to the object do not change the function.
 */
@FunctionalInterface
public interface CodeObjects {

    /** No S3 beside this Lambda: every bucket is missing. */
    CodeObjects NONE = (scope, bucket, key, versionId) -> {
        throw new AwsException("NoSuchBucket", "The specified bucket does not exist", 404);
    };

    /**
     * The object's bytes, read as the caller would read them ({@code GetObject} in the caller's account and region).
     *
     * @param versionId {@code S3ObjectVersion}, or null for the current object
     * @throws AwsException with S3's error code and message when S3 would refuse the read
     */
    byte[] read(AccountRegion scope, String bucket, String key, String versionId);

    /**
     * A function's or layer's zip: the direct upload when there is one, else the S3 object. A failed read answers
     * {@code InvalidParameterValueException} quoting S3's code and message, in Lambda's words
     * ("Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not
     * exist."); neither a zip nor a complete S3 location answers Lambda's "Please provide a source for function code."
     */
    default byte[] zip(AccountRegion scope, byte[] zipFile, String bucket, String key, String versionId) {
        if (zipFile != null) {
            if (bucket != null || key != null || versionId != null) {
                throw LambdaErrors.invalidParameter("Give the code one way: ZipFile, or S3Bucket and S3Key (with "
                        + "S3ObjectVersion), not both.");
            }
            return CodeArchive.checkDirectUpload(zipFile);
        }
        if (bucket == null || key == null) {
            throw LambdaErrors.invalidParameter("Please provide a source for function code.");
        }
        try {
            return read(scope, bucket, key, versionId);
        } catch (AwsException e) {
            throw LambdaErrors.invalidParameter("Error occurred while GetObject. S3 Error Code: " + e.code()
                    + ". S3 Error Message: " + e.getMessage());
        }
    }
}
