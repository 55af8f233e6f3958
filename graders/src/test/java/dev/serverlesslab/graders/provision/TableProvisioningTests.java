package dev.serverlesslab.graders.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Provisioning DynamoDB tables on the embedded backend: key schema, indexes, seed items, deletion. */
class TableProvisioningTests {

    private static final String ORDERS = """
            environment:
              TABLE_NAME: ${table:orders}
            resources:
              tables:
                orders:
                  partitionKey: {name: orderId, type: S}
                  sortKey: {name: createdAt, type: N}
                  indexes:
                    byCustomer: {partitionKey: {name: customerId, type: S}}
                  items:
                    - {orderId: "o-1", createdAt: 1, customerId: "c-1", paid: true, lines: [1, "two"], note: null}
                    - {orderId: "o-2", createdAt: 2, customerId: "c-1", total: 12.5}
                    - {orderId: "o-3", createdAt: 3, customerId: "c-2"}
                tags:
                  partitionKey: {name: tag, type: S}
            """;

    private static EmbeddedProvisioning embedded;
    private static ServiceClients clients;
    private static Provisioner provisioner;

    @TempDir
    Path content;

    @BeforeAll
    static void startBackend() {
        embedded = new EmbeddedProvisioning();
        clients = embedded.clients();
        provisioner = embedded.provisioner();
    }

    @AfterAll
    static void stopBackend() {
        embedded.close();
    }

    @Test
    void provision_tables_areActiveWithTheDeclaredKeysAndIndexes() {
        embedded.provisioned(orders(), resources -> {
            String name = resources.table("orders");
            assertTrue(name.matches("lab-orders-[0-9a-f]{8}-orders"), name);
            TableDescription table = clients.dynamoDb().describeTable(b -> b.tableName(name)).table();
            assertEquals(TableStatus.ACTIVE, table.tableStatus());
            assertEquals(List.of("orderId", "createdAt"),
                    table.keySchema().stream().map(KeySchemaElement::attributeName).toList());
            assertEquals("byCustomer", table.globalSecondaryIndexes().get(0).indexName());
            assertEquals(TableStatus.ACTIVE, clients.dynamoDb().describeTable(b -> b.tableName(resources.table("tags")))
                    .table().tableStatus());
            assertEquals(name, resources.environment().get("TABLE_NAME"));
        });
    }

    @Test
    void provision_seedItems_areStoredWithInferredTypes() {
        embedded.provisioned(orders(), resources -> {
            Map<String, AttributeValue> item = clients.dynamoDb().getItem(b -> b.tableName(resources.table("orders"))
                    .key(Map.of("orderId", AttributeValue.fromS("o-1"), "createdAt", AttributeValue.fromN("1"))))
                    .item();
            assertEquals(AttributeValue.fromS("c-1"), item.get("customerId"));
            assertEquals(AttributeValue.fromBool(true), item.get("paid"));
            assertEquals(AttributeValue.fromL(List.of(AttributeValue.fromN("1"), AttributeValue.fromS("two"))),
                    item.get("lines"));
            assertEquals(AttributeValue.fromNul(true), item.get("note"));
            assertEquals(3, clients.dynamoDb().scan(b -> b.tableName(resources.table("orders"))).count());
        });
    }

    @Test
    void provision_index_canBeQueriedRightAway() {
        embedded.provisioned(orders(), resources -> {
            int found = clients.dynamoDb().query(b -> b.tableName(resources.table("orders")).indexName("byCustomer")
                    .keyConditionExpression("customerId = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c-1")))).count();
            assertEquals(2, found);
        });
    }

    @Test
    void teardown_deletesTheTables() {
        ProvisionedResources resources = provisioner.provision(orders());

        provisioner.teardown(resources);

        assertThrows(ResourceNotFoundException.class,
                () -> clients.dynamoDb().describeTable(b -> b.tableName(resources.table("orders"))));
        assertThrows(ResourceNotFoundException.class,
                () -> clients.dynamoDb().describeTable(b -> b.tableName(resources.table("tags"))));
    }

    private Exercise orders() {
        return Descriptors.exercise(content, "orders", ORDERS);
    }
}
