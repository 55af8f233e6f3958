package dev.serverlesslab.graders.provision;

import dev.serverlesslab.exercises.exercise.IndexSpec;
import dev.serverlesslab.exercises.exercise.KeyAttribute;
import dev.serverlesslab.exercises.exercise.TableSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates a declared DynamoDB table (on-demand, GSIs projecting everything), waits until it is ACTIVE, seeds it. */
final class TableProvisioner {

    private final DynamoDbClient dynamoDb;

    TableProvisioner(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    void create(TableSpec table, String name, java.util.Map<String, String> tags, CleanupList cleanup) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        table.keyAttributeTypes().forEach((attribute, type) -> attributes.add(AttributeDefinition.builder()
                .attributeName(attribute).attributeType(type).build()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (IndexSpec index : table.indexes().values()) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(p -> p.projectionType(ProjectionType.ALL))
                    .build());
        }
        dynamoDb.createTable(b -> {
            b.tableName(name)
                    .attributeDefinitions(attributes)
                    .keySchema(keySchema(table.partitionKey(), table.sortKey()))
                    .billingMode(BillingMode.PAY_PER_REQUEST);
            if (!indexes.isEmpty()) {
                b.globalSecondaryIndexes(indexes);
            }
        });
        cleanup.add("table " + name, () -> delete(name));
        // Polls DescribeTable until TableStatus is ACTIVE, as the AWS CLI's "wait table-exists" does, but every half
        // second rather than the SDK's default 20 s: emulators answer ACTIVE at once, AWS within seconds.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(dynamoDb)
                .overrideConfiguration(o -> o.maxAttempts(240)
                        .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(500))))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(name));
        }
        if (!tags.isEmpty()) {
            // Tagged once ACTIVE through TagResource rather than CreateTable's Tags, which DynamoDB Local ignores.
            String arn = dynamoDb.describeTable(b -> b.tableName(name)).table().tableArn();
            dynamoDb.tagResource(b -> b.resourceArn(arn).tags(tags.entrySet().stream()
                    .map(tag -> software.amazon.awssdk.services.dynamodb.model.Tag.builder()
                            .key(tag.getKey()).value(tag.getValue()).build()).toList()));
        }
        for (Map<String, Object> item : table.items()) {
            dynamoDb.putItem(b -> b.tableName(name).item(item(item, table)));
        }
    }

    private void delete(String name) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(name));
        } catch (ResourceNotFoundException alreadyGone) {
            // Nothing left to delete.
        }
    }

    private static List<KeySchemaElement> keySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(partitionKey.name()).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            schema.add(KeySchemaElement.builder().attributeName(sortKey.name()).keyType(KeyType.RANGE).build());
        }
        return schema;
    }

    /** A seed item in DynamoDB's typed form; key attributes declared as B are base64 text in the descriptor. */
    static Map<String, AttributeValue> item(Map<String, Object> item, TableSpec table) {
        Map<String, String> keyTypes = table.keyAttributeTypes();
        Map<String, AttributeValue> typed = new LinkedHashMap<>();
        item.forEach((name, value) -> typed.put(name, "B".equals(keyTypes.get(name))
                ? AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode((String) value)))
                : value(value)));
        return typed;
    }

    /** Infers the DynamoDB type of a plain YAML value: text S, number N, boolean BOOL, list L, mapping M. */
    static AttributeValue value(Object value) {
        if (value == null) {
            return AttributeValue.fromNul(true);
        }
        if (value instanceof String text) {
            return AttributeValue.fromS(text);
        }
        if (value instanceof BigDecimal number) {
            return AttributeValue.fromN(number.toPlainString());
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        if (value instanceof List<?> list) {
            return AttributeValue.fromL(list.stream().map(TableProvisioner::value).toList());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, AttributeValue> members = new LinkedHashMap<>();
            map.forEach((k, v) -> members.put(String.valueOf(k), value(v)));
            return AttributeValue.fromM(members);
        }
        throw new IllegalArgumentException("a seed item value of type " + value.getClass().getSimpleName()
                + " has no DynamoDB type");
    }
}
