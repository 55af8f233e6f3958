package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.serverlesslab.graders.check.Buckets;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.EmulatorTime;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Queues;
import dev.serverlesslab.graders.check.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class PipelineChecks {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    @DisplayName("records an object created under incoming/")
    void recordsUploads(Buckets buckets, DeployedFunction function, DynamoDbClient dynamo, Resources resources) {
        buckets.putAndAwait("inbox", "incoming/report.csv", "a,b", function, WAIT);
        Eventually.check("incoming/report.csv in the table", WAIT, () -> seen(dynamo, resources, "incoming/report.csv"));
    }

    @Test
    @DisplayName("records queue messages, and a failing one reaches the dead-letter queue")
    void recordsMessages(Queues queues, DynamoDbClient dynamo, Resources resources, EmulatorTime time) {
        queues.send("jobs", List.of("hello", "poison"));
        Eventually.check("hello in the table", WAIT, () -> seen(dynamo, resources, "hello"));
        List<String> deadLettered = new ArrayList<>();
        Eventually.check("poison in the dead-letter queue", WAIT, () -> {
            time.advance(Duration.ofSeconds(6));
            queues.receiveAll("failed").forEach(message -> deadLettered.add(message.body()));
            return !deadLettered.isEmpty();
        });
        assertEquals(List.of("poison"), deadLettered);
        queues.awaitDrained("jobs", WAIT);
        assertFalse(seen(dynamo, resources, "poison"), "poison was recorded, yet the function reported it failed");
    }

    @Test
    @DisplayName("records an hourly tick")
    void recordsTicks(DeployedFunction function, EmulatorTime time, DynamoDbClient dynamo, Resources resources) {
        int before = function.invocationCount();
        time.advance(Duration.ofHours(1));
        function.awaitInvocations(before + 1, WAIT);
        Eventually.check("a tick in the table", WAIT, () -> dynamo.scan(b -> b.tableName(resources.table("seen")))
                .items().stream().anyMatch(item -> item.get("source").s().equals("schedule")));
        assertEquals("schedule", dynamo.scan(b -> b.tableName(resources.table("seen"))).items().stream()
                .filter(item -> item.get("id").s().startsWith("tick-")).findFirst().orElseThrow()
                .get("source").s());
    }

    private static boolean seen(DynamoDbClient dynamo, Resources resources, String id) {
        return !dynamo.getItem(b -> b.tableName(resources.table("seen"))
                .key(Map.of("id", AttributeValue.fromS(id)))).item().isEmpty();
    }
}
