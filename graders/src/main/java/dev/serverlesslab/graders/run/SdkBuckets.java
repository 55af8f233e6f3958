package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.Buckets;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link Buckets} through the grading's {@link S3Client}, buckets found by logical name in {@link Resources}. */
final class SdkBuckets implements Buckets {

    private final S3Client s3;
    private final Resources resources;

    SdkBuckets(S3Client s3, Resources resources) {
        this.s3 = s3;
        this.resources = resources;
    }

    @Override
    public void put(String bucket, String key, String content) {
        put(bucket, key, content, "");
    }

    /**
     * Puts the object and checks that it is there, so that a check waiting on what the put sets off fails at once
     * naming the put, rather than after its whole wait as if the learner's function had not run.
     */
    @Override
    public int putAndAwait(String bucket, String key, String content, DeployedFunction function, Duration within) {
        int before = function.invocationCount();
        put(bucket, key, content, ", so the function was not awaited");
        String name = resources.bucket(bucket);
        try {
            s3.headObject(b -> b.bucket(name).key(key));
        } catch (SdkException e) {
            throw new AssertionError("s3://" + name + "/" + key + " (bucket " + bucket + ") is not there after its "
                    + "put, so the function was not awaited: " + reason(e), e);
        }
        return Eventually.get("the function to run on " + key + " put into bucket " + bucket, within, () -> {
            int runs = function.invocationCount();
            return runs > before ? Optional.of(runs) : Optional.empty();
        }, () -> "it ran " + function.invocationCount() + " time(s) in all, " + before + " before the put");
    }

    /** Puts the object; a put S3 refuses or the client cannot send fails the check naming the object. */
    private void put(String bucket, String key, String content, String consequence) {
        String name = resources.bucket(bucket);
        try {
            s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
        } catch (SdkException e) {
            throw new AssertionError("putting s3://" + name + "/" + key + " (bucket " + bucket + ") failed"
                    + consequence + ": " + reason(e), e);
        }
    }

    /** S3's own message when it answered, else the client's (no connection, a timeout). */
    private static String reason(SdkException e) {
        if (e instanceof S3Exception s3Error && s3Error.awsErrorDetails() != null
                && s3Error.awsErrorDetails().errorMessage() != null) {
            return s3Error.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    @Override
    public Optional<String> read(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(resources.bucket(bucket)).key(key))
                    .asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
