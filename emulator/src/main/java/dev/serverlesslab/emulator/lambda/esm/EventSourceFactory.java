package dev.serverlesslab.emulator.lambda.esm;

import dev.serverlesslab.emulator.core.AccountRegion;

/**
 * Opens the {@link EventSource} an event source mapping reads, from the source's ARN: one per service that can feed
 * Lambda (DynamoDB Streams, SQS, Kinesis), registered with {@link EventSourceMappings#register}.
 */
@FunctionalInterface
public interface EventSourceFactory {

    /**
     * The source behind the ARN, read in the mapping's account and region. Throws
     * {@link dev.serverlesslab.emulator.core.AwsException} when the ARN names nothing that can be read, with a message
     * that says what to fix (CreateEventSourceMapping answers it as InvalidParameterValueException).
     */
    EventSource open(AccountRegion scope, String sourceArn);
}
