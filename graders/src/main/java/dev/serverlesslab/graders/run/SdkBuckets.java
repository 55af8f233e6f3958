package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.Buckets;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Resources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
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
        String name = resources.bucket(bucket);
        try {
            s3.putObject(b -> b.bucket(name).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            throw new AssertionError("putting s3://" + name + "/" + key + " (bucket " + bucket + ") failed: "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }

    @Override
    public int putAndAwait(String bucket, String key, String content, DeployedFunction function, Duration within) {
        int before = function.invocationCount();
        put(bucket, key, content);
        return Eventually.get("the function to run on " + key + " put into bucket " + bucket, within, () -> {
            int runs = function.invocationCount();
            return runs > before ? Optional.of(runs) : Optional.empty();
        }, () -> "it ran " + function.invocationCount() + " time(s) in all, " + before + " before the put");
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
