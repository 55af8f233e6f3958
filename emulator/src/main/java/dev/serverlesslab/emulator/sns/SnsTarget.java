package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.Targets;

/**
 * SNS topics as a delivery target of other services (S3 notifications, EventBridge targets, Lambda destinations and
 * dead-letter queues): the delivery's body, subject, attributes and FIFO ids are published to the topic its ARN
 * names, in the topic's account and region. Topic policies are not enforced here, as for any caller of Publish.
 */
public final class SnsTarget implements Targets.Target {

    private final SnsBackend backend;

    public SnsTarget(SnsBackend backend) {
        this.backend = backend;
    }

    @Override
    public void deliver(Targets.Delivery delivery) {
        send(delivery);
    }

    @Override
    public Targets.Receipt send(Targets.Delivery delivery) {
        Publisher.Published published = backend.publish(delivery.targetScope(), new Publisher.Request(
                delivery.targetArn(), delivery.body(), delivery.subject(), null, delivery.attributes(),
                delivery.groupId(), delivery.deduplicationId()));
        return new Targets.Receipt(published.messageId(), published.sequenceNumber());
    }

    @Override
    public boolean exists(String arn) {
        return backend.topicExists(arn);
    }
}
