package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventResourcesTests {

    private static final String HEAD = "title: Pipeline\nlesson: l\nhandler: a.B\n";

    private static final String FULL = HEAD + """
            environment:
              BUCKET: ${bucket:uploads}
              QUEUE_URL: ${queue:jobs}
              QUEUE_ARN: ${queueArn:jobs}
              TOPIC: ${topic:orders}
              BUS: ${bus:shop}
              MACHINE: ${stateMachine:checkout}
              STREAM: ${stream:clicks}
            resources:
              tables:
                orders: {partitionKey: {name: id, type: S}}
              buckets:
                uploads:
                  notifications:
                    - {events: ["s3:ObjectCreated:*"], prefix: incoming/, suffix: .csv}
                    - {events: ["s3:ObjectRemoved:*"], target: "queue:audit"}
              queues:
                jobs:
                  visibilityTimeout: 30
                  deadLetter: {queue: failed, maxReceiveCount: 2}
                  trigger: {batchSize: 5, reportBatchItemFailures: true}
                failed:
                audit: {}
              topics:
                orders:
                  subscriptions:
                    - {target: "queue:audit", filterPolicy: {kind: [big], amount: [{numeric: [">", 100]}]}, raw: true}
                    - {target: function}
              buses:
                shop: {}
              rules:
                placed: {bus: shop, pattern: {source: [shop], detail-type: [OrderPlaced]}, targets: [function]}
                nightly: {schedule: "rate(1 day)", targets: [{target: "queue:jobs", input: {job: nightly}}]}
              schedules:
                reminder: {expression: "at(2030-01-01T09:00:00)", target: function, input: {say: hi}}
              stateMachines:
                checkout: {definition: checkout.asl.json, type: EXPRESS}
              streams:
                clicks: {shards: 2, trigger: {batchSize: 100}}
            """;

    private static final String ASL = """
            {"StartAt": "Charge", "States": {
              "Charge": {"Type": "Task", "Resource": "${function}", "Next": "Save"},
              "Save": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                       "Parameters": {"TableName": "${table:orders}"}, "End": true}}}
            """;

    @TempDir
    Path content;

    @Test
    void load_withEveryEventResource_readsThemAllWithTheirWiring() throws IOException {
        EventResources events = load(FULL, ASL).resources().events();

        BucketSpec uploads = events.buckets().get("uploads");
        assertEquals(new BucketSpec.Notification(List.of("s3:ObjectCreated:*"), "incoming/", ".csv",
                TargetRef.function()), uploads.notifications().get(0));
        assertEquals(new TargetRef("queue", "audit"), uploads.notifications().get(1).target());
        QueueSpec jobs = events.queues().get("jobs");
        assertEquals(30, jobs.visibilityTimeout());
        assertEquals("failed", jobs.deadLetterQueue());
        assertEquals(2, jobs.maxReceiveCount());
        assertEquals(new EventSourceSpec(5, null, true, null, null, null), jobs.trigger());
        assertNull(events.queues().get("failed").trigger());
        TopicSpec.Subscription audit = events.topics().get("orders").subscriptions().get(0);
        assertEquals("{\"kind\":[\"big\"],\"amount\":[{\"numeric\":[\">\",100]}]}", audit.filterPolicy(),
                "numbers stay numbers in a filter policy");
        assertTrue(audit.raw());
        assertEquals("{\"source\":[\"shop\"],\"detail-type\":[\"OrderPlaced\"]}", events.rules().get("placed").pattern());
        assertEquals("shop", events.rules().get("placed").bus());
        assertEquals("{\"job\":\"nightly\"}", events.rules().get("nightly").targets().get(0).input());
        assertEquals("at(2030-01-01T09:00:00)", events.schedules().get("reminder").expression());
        assertEquals("EXPRESS", events.stateMachines().get("checkout").type());
        assertTrue(events.stateMachines().get("checkout").definition().contains("${function}"));
        assertEquals(2, events.streams().get("clicks").shards());
        assertEquals("TRIM_HORIZON", events.streams().get("clicks").trigger().startingPosition(),
                "a stream trigger reads from the start by default, so checks see every record");
        assertFalse(events.isEmpty());
    }

    @Test
    void load_whenATargetNamesAnUndeclaredQueue_namesFieldAndDeclaredQueues() throws IOException {
        String message = failure(HEAD + """
                resources:
                  queues: {jobs: {}}
                  buckets:
                    uploads:
                      notifications: [{events: ["s3:ObjectCreated:*"], target: "queue:jbos"}]
                """);

        assertTrue(message.contains("field 'resources.buckets.uploads.notifications[0].target': 'queue:jbos': 'jbos' "
                + "is not declared under resources.queues (declared: jobs)"), message);
    }

    @Test
    void load_whenADeadLetterQueueIsMissingOrOfAnotherKind_saysWhy() throws IOException {
        String missing = failure(HEAD + "resources:\n  queues:\n    jobs: {deadLetter: {queue: nope}}\n");
        String mixed = failure(HEAD + "resources:\n  queues:\n    jobs.fifo: {}\n");
        String fifo = failure(HEAD + "resources:\n  queues:\n    jobs: {fifo: true, deadLetter: {queue: failed}}\n"
                + "    failed: {}\n");

        assertTrue(missing.contains("'nope' must be another queue declared under resources.queues"), missing);
        assertTrue(mixed.contains("'jobs.fifo' is not a usable logical name"), mixed);
        assertTrue(fifo.contains("a FIFO queue needs a FIFO dead-letter queue"), fifo);
    }

    @Test
    void load_whenARuleHasBothPatternAndSchedule_orABadSchedule_saysWhatToWrite() throws IOException {
        String both = failure(HEAD + "resources:\n  rules:\n    r: {pattern: {source: [a]}, schedule: 'rate(1 day)', "
                + "targets: [function]}\n");
        String bad = failure(HEAD + "resources:\n  rules:\n    r: {schedule: 'every day', targets: [function]}\n");

        assertTrue(both.contains("either pattern: (events it matches) or schedule:"), both);
        assertTrue(bad.contains("'every day' is not a schedule expression: write rate(5 minutes) or cron("), bad);
    }

    @Test
    void load_whenAStateMachineFileIsMissingOrRefersToNothing_namesTheFile() throws IOException {
        String missing = failure(HEAD + "resources:\n  stateMachines:\n    flow: {definition: flow.asl.json}\n");
        String dangling = failure(HEAD + "resources:\n  stateMachines:\n    checkout: {definition: checkout.asl.json}\n",
                "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\", \"Resource\": \"${queue:gone}\", "
                        + "\"End\": true}}}");
        String notAsl = failure(HEAD + "resources:\n  stateMachines:\n    checkout: {definition: checkout.asl.json}\n",
                "{\"Comment\": \"no states\"}");

        assertTrue(missing.contains("'flow.asl.json' is not a file in the exercise folder"), missing);
        assertTrue(dangling.contains("checkout.asl.json refers to '${queue:gone}', which names nothing declared"),
                dangling);
        assertTrue(notAsl.contains("it needs StartAt and States"), notAsl);
    }

    @Test
    void load_aStateMachineTheLearnerWrites_isCheckedWithTheSolutionsCopy_andNeedsTheStartersToo() throws IOException {
        String yaml = HEAD + "resources:\n  tables:\n    orders: {partitionKey: {name: id, type: S}}\n"
                + "  stateMachines:\n    checkout: {definition: checkout.asl.json, from: submission}\n";
        Path folder = Files.createDirectories(content.resolve("exercises/pipeline"));
        Files.createDirectories(folder.resolve("solution"));
        Files.writeString(folder.resolve("solution/checkout.asl.json"), ASL);

        String withoutStarter = failure(yaml);
        Files.createDirectories(folder.resolve("starter"));
        Files.writeString(folder.resolve("starter/checkout.asl.json"), "{\"StartAt\": \"A\", \"States\": {}}");
        StateMachineSpec machine = load(yaml, null).resources().events().stateMachines().get("checkout");

        assertTrue(withoutStarter.contains("put a copy to start from in starter/checkout.asl.json"), withoutStarter);
        assertTrue(machine.learnerWritten());
        assertEquals(ASL, machine.definition(), "the solution's copy is what the exercise is checked with");
        String badFrom = failure(yaml.replace("from: submission", "from: learner"));
        assertTrue(badFrom.contains("resources.stateMachines.checkout.from"), badFrom);
    }

    @Test
    void learnerDefinitions_takeTheSubmissionsCopy_orSayWhatToFixWithTheLine() throws IOException {
        String yaml = HEAD + "resources:\n  tables:\n    orders: {partitionKey: {name: id, type: S}}\n"
                + "  stateMachines:\n    checkout: {definition: checkout.asl.json, from: submission}\n";
        Path folder = Files.createDirectories(content.resolve("exercises/pipeline"));
        for (String copy : List.of("solution", "starter")) {
            Files.createDirectories(folder.resolve(copy));
            Files.writeString(folder.resolve(copy + "/checkout.asl.json"), ASL);
        }
        Exercise exercise = load(yaml, null);
        String written = ASL.replace("Save", "Store");

        LearnerDefinitions ok = LearnerDefinitions.of(exercise, java.util.Map.of("checkout.asl.json", written));
        LearnerDefinitions dangling = LearnerDefinitions.of(exercise, java.util.Map.of("checkout.asl.json",
                ASL.replace("${table:orders}", "${table:ordres}")));
        LearnerDefinitions missing = LearnerDefinitions.of(exercise, java.util.Map.of("a/B.java", "class B {}"));

        assertTrue(ok.ok());
        assertEquals(written, ok.definitions().get("checkout"));
        assertEquals("checkout.asl.json:4: error: '${table:ordres}' names no table of this exercise",
                dangling.problems().get(0).toString());
        assertTrue(dangling.definitions().isEmpty());
        assertTrue(missing.problems().get(0).toString().contains("is missing from your submission"),
                missing.problems().toString());
    }

    @Test
    void load_whenTheEnvironmentRefersToAnUndeclaredTopic_saysWhereToDeclareIt() throws IOException {
        String message = failure(HEAD + "environment: {TOPIC: '${topic:orders}'}\n");

        assertTrue(message.contains("'${topic:orders}': 'orders' is not declared under resources.topics"), message);
    }

    @Test
    void load_whenTheEnvironmentUsesTheFunctionsOwnArn_pointsToTheContext() throws IOException {
        String message = failure(HEAD + "environment: {SELF: '${function}'}\n");

        assertTrue(message.contains("context.getInvokedFunctionArn()"), message);
    }

    @Test
    void load_whenRawDeliveryTargetsAFunction_explainsItIsForQueues() throws IOException {
        String message = failure(HEAD + "resources:\n  topics:\n    t: {subscriptions: [{target: function, raw: true}]}\n");

        assertTrue(message.contains("raw message delivery applies to queue subscriptions only"), message);
    }

    private Exercise load(String yaml, String asl) throws IOException {
        write(yaml, asl);
        return ExerciseCatalog.load(content).find("pipeline").orElseThrow();
    }

    private String failure(String yaml) throws IOException {
        return failure(yaml, null);
    }

    private String failure(String yaml, String asl) throws IOException {
        write(yaml, asl);
        return assertThrows(ContentException.class, () -> ExerciseCatalog.load(content)).getMessage();
    }

    private void write(String yaml, String asl) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/pipeline"));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
        if (asl != null) {
            Files.writeString(folder.resolve("checkout.asl.json"), asl);
        }
    }
}
