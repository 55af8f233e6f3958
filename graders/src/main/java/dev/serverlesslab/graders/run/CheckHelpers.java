package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.Buckets;
import dev.serverlesslab.graders.check.Queues;
import dev.serverlesslab.graders.check.Resources;
import dev.serverlesslab.graders.check.StateMachines;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Offers checks the event helpers ({@link Queues}, {@link Buckets}, {@link StateMachines}), each built on the SDK
 * client the context already offers, so a helper acts in the grading's account and no client is built before a
 * check asks.
 */
public final class CheckHelpers {

    private CheckHelpers() {
    }

    /** A copy of {@code context} (which must offer the SDK clients, {@link SdkClients#offerTo}) that offers them. */
    public static CheckContext offerTo(CheckContext context, Resources resources) {
        return context
                .withSupplier(Queues.class, () -> new SdkQueues(client(context, SqsClient.class), resources))
                .withSupplier(Buckets.class, () -> new SdkBuckets(client(context, S3Client.class), resources))
                .withSupplier(StateMachines.class, () -> new SdkStateMachines(client(context, SfnClient.class),
                        resources));
    }

    private static <C> C client(CheckContext context, Class<C> type) {
        return type.cast(context.parameter(type).orElseThrow(() -> new IllegalStateException(
                "The grading offers no " + type.getSimpleName() + "; offer the SDK clients first")));
    }
}
