package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Kinesis streams as delivery targets (EventBridge rules, for one): the message becomes a record's data, put under
 * the delivery's group id as partition key, or a random one when none is given, as EventBridge does without a
 * PartitionKeyPath.
 */
public final class KinesisTarget implements Targets.Target {

    private final KinesisBackend backend;

    public KinesisTarget(KinesisBackend backend) {
        this.backend = backend;
    }

    @Override
    public void deliver(Targets.Delivery delivery) {
        AccountRegion scope = delivery.targetScope();
        String resource = Arns.resource(delivery.targetArn());
        if (!resource.startsWith("stream/") || resource.length() == "stream/".length()) {
            throw new AwsException("InvalidParameterValue", delivery.targetArn() + " is not a Kinesis stream ARN "
                    + "(arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)", 400);
        }
        String partitionKey = delivery.groupId() != null ? delivery.groupId() : UUID.randomUUID().toString();
        backend.putRecord(scope, resource.substring("stream/".length()), partitionKey, null,
                delivery.body().getBytes(StandardCharsets.UTF_8));
    }
}
