package dev.serverlesslab.emulator.sqs;

import dev.serverlesslab.emulator.core.Targets;

/**
 * SQS as a delivery target of other services (S3 notifications, SNS subscriptions, EventBridge rules, Lambda
 * destinations): the delivery becomes a message in the queue its ARN names, with its attributes and, for a FIFO
 * queue, its group and deduplication ids; a delivery's own delay (Step Functions' {@code DelaySeconds}) as
 * SendMessage's. The queue's Policy is not checked (see emulator/README.md).
 */
public final class SqsTarget implements Targets.Target {

    private final SqsBackend backend;

    public SqsTarget(SqsBackend backend) {
        this.backend = backend;
    }

    @Override
    public void deliver(Targets.Delivery delivery) {
        send(delivery);
    }

    @Override
    public Targets.Receipt send(Targets.Delivery delivery) {
        SqsQueue queue = backend.queueByArn(delivery.targetArn()).orElseThrow(SqsErrors::noQueue);
        String sender = delivery.principal() != null ? delivery.principal() : delivery.sourceAccount();
        SentMessage sent = backend.send(queue, new SendRequest(delivery.body(), delivery.delaySeconds(), delivery.attributes(), null,
                delivery.groupId(), delivery.deduplicationId(), sender == null ? queue.scope.accountId() : sender));
        return new Targets.Receipt(sent.messageId(), sent.sequenceNumber());
    }

    @Override
    public boolean exists(String arn) {
        return backend.queueByArn(arn).isPresent();
    }
}
