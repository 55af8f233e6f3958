package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.backend.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK v2 clients checks may take as parameters ({@link DynamoDbClient}, {@link KmsClient}, {@link SsmClient},
 * {@link LambdaClient}, {@link CloudWatchLogsClient}, {@link S3Client} (path-style addressing, which every emulator
 * answers), {@link SqsClient}, {@link SnsClient}, {@link EventBridgeClient}, {@link SchedulerClient},
 * {@link SfnClient}, {@link KinesisClient}), pointed at the grading's backend and acting in the grading's
 * account. Each is built the first time a check asks for it, shared by the grading's checks, and closed
 * with this object after them.
 */
public final class SdkClients implements AutoCloseable {

    private final AwsClients aws;
    private final List<AutoCloseable> built = new ArrayList<>();

    /** @param aws the grading's clients factory: its endpoint, region and account */
    public SdkClients(AwsClients aws) {
        this.aws = aws;
    }

    /** A copy of {@code context} that also offers every client. */
    public CheckContext offerTo(CheckContext context) {
        return context
                .withSupplier(DynamoDbClient.class, once(() -> aws.build(DynamoDbClient.builder())))
                .withSupplier(KmsClient.class, once(() -> aws.build(KmsClient.builder())))
                .withSupplier(SsmClient.class, once(() -> aws.build(SsmClient.builder())))
                .withSupplier(LambdaClient.class, once(() -> aws.build(LambdaClient.builder())))
                .withSupplier(CloudWatchLogsClient.class, once(() -> aws.build(CloudWatchLogsClient.builder())))
                .withSupplier(S3Client.class, once(() -> aws.build(S3Client.builder().forcePathStyle(true))))
                .withSupplier(SqsClient.class, once(() -> aws.build(SqsClient.builder())))
                .withSupplier(SnsClient.class, once(() -> aws.build(SnsClient.builder())))
                .withSupplier(EventBridgeClient.class, once(() -> aws.build(EventBridgeClient.builder())))
                .withSupplier(SchedulerClient.class, once(() -> aws.build(SchedulerClient.builder())))
                .withSupplier(SfnClient.class, once(() -> aws.build(SfnClient.builder())))
                .withSupplier(KinesisClient.class, once(() -> aws.build(KinesisClient.builder())));
    }

    private <C extends AutoCloseable> Supplier<C> once(Supplier<C> factory) {
        return new Supplier<>() {
            private C client;

            @Override
            public C get() {
                synchronized (SdkClients.this) {
                    if (client == null) {
                        client = factory.get();
                        built.add(client);
                    }
                    return client;
                }
            }
        };
    }

    /** Closes the clients checks asked for; the others were never built. */
    @Override
    public synchronized void close() {
        for (AutoCloseable client : built) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing only frees connections; a failure here cannot change any verdict.
            }
        }
        built.clear();
    }
}
