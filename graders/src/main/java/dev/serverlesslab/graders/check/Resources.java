package dev.serverlesslab.graders.check;

import java.util.Optional;

/**
 * The physical names of what the exercise's {@code resources} section declared, as created for this grading; checks
 * receive it as a test method parameter and look resources up by their logical names.
 *
 * <pre>{@code
 * @Test @DisplayName("stores the order in the orders table")
 * void storesTheOrder(DeployedFunction function, Resources resources, DynamoDbClient dynamo) {
 *     function.invoke("{\"orderId\":\"o-7\"}");
 *     var item = dynamo.getItem(b -> b.tableName(resources.table("orders"))
 *             .key(Map.of("orderId", AttributeValue.fromS("o-7")))).item();
 *     assertFalse(item.isEmpty(), "order o-7 should be in the table");
 * }
 * }</pre>
 * Every lookup of a logical name the exercise does not declare throws {@link IllegalArgumentException} listing the
 * declared ones.
 */
public interface Resources {

    /** The DynamoDB table name, e.g. {@code lab-orders-1a2b3c4d-orders}. */
    String table(String logical);

    /** The KMS key id (a UUID). */
    String keyId(String logical);

    /** The KMS key ARN. */
    String keyArn(String logical);

    /** The key's alias name, e.g. {@code alias/lab-notes-1a2b3c4d-notes}. */
    String alias(String logical);

    /** The SSM parameter's full name, e.g. {@code /lab/1a2b3c4d/lab/greeting}. */
    String parameter(String logical);

    /** The S3 bucket's name. */
    String bucket(String logical);

    /** The SQS queue's URL, what {@code SqsClient} calls take. */
    String queueUrl(String logical);

    /** The SQS queue's ARN. */
    String queueArn(String logical);

    /** The SNS topic's ARN. */
    String topicArn(String logical);

    /** The EventBridge event bus's name, what {@code PutEvents} entries take as {@code EventBusName}. */
    String bus(String logical);

    /** The Step Functions state machine's ARN. */
    String stateMachineArn(String logical);

    /** The Kinesis data stream's name. */
    String stream(String logical);

    /** The ARN of the function's execution role. */
    String roleArn();

    /** The base URL of the API stage fronting the function, when the exercise declares {@code resources.api}. */
    Optional<String> apiUrl();

    /** The region everything was created in. */
    String region();

    /**
     * A new name, unique to this call, for something a check creates itself (a helper function, a scratch queue):
     * under this grading's prefix, so the function's grading policy covers it on a real AWS account and
     * {@code ./lab cleanup} recognises it, e.g. {@code name("worker")}. At most 64 characters.
     */
    String name(String purpose);

    /**
     * The tags to give what a check creates itself, so {@code ./lab cleanup --backend aws} finds it if the grading
     * is killed before the check deletes it; empty where the backend does not tag (emulators, LocalStack).
     */
    java.util.Map<String, String> tags();
}
