package dev.serverlesslab.graders.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.check.Buckets;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Execution;
import dev.serverlesslab.graders.check.ExecutionHistory;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.QueueDepth;
import dev.serverlesslab.graders.check.Queues;
import dev.serverlesslab.graders.check.Resources;
import dev.serverlesslab.graders.check.StateMachines;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The event helpers checks take ({@link Queues}, {@link Buckets}, {@link StateMachines}) against the embedded
 * emulator, as a grading offers them: what they answer, and the messages a check fails with when what they wait for
 * does not happen. (Whole gradings using them: {@code EventGradingTests} and the course's order-workflow and
 * sqs-batch exercises.)
 */
class CheckHelpersTests {

    private static final Duration SHORT = Duration.ofMillis(600);

    private static Backend backend;
    private static AwsClients aws;
    private static SdkClients clients;
    private static SqsClient sqs;
    private static S3Client s3;
    private static SfnClient sfn;
    private static Map<String, String> queues;
    private static String bucket;
    private static String machine;
    private static String branchingMachine;
    private static CheckContext context;

    @BeforeAll
    static void start() {
        backend = Backend.embedded();
        aws = new AwsClients(backend, backend.newAccount());
        clients = new SdkClients(aws);
        sqs = aws.build(SqsClient.builder());
        s3 = aws.build(S3Client.builder().forcePathStyle(true));
        sfn = aws.build(SfnClient.builder());
        queues = Map.of("work", sqs.createQueue(b -> b.queueName("helpers-work")).queueUrl(),
                "dead", sqs.createQueue(b -> b.queueName("helpers-dead")).queueUrl(),
                "ordered", sqs.createQueue(b -> b.queueName("helpers-ordered.fifo")
                        .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl());
        bucket = "helpers-" + Long.toHexString(System.nanoTime());
        s3.createBucket(b -> b.bucket(bucket));
        String role;
        try (IamClient iam = aws.buildGlobal(IamClient.builder())) {
            role = iam.createRole(b -> b.roleName("helpers-states").assumeRolePolicyDocument("{\"Version\":"
                    + "\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                    + "\"states.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}")).role().arn();
        }
        // Check fails on odd input and is caught into Declined, whose Fail ends the execution; even input ships.
        String definition = """
                {"StartAt":"Validate","States":{
                  "Validate":{"Type":"Pass","Next":"Check"},
                  "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":0,"Next":"Stuck"},
                    {"Variable":"$.odd","BooleanEquals":true,"Next":"Declined"}],"Default":"Ship"},
                  "Stuck":{"Type":"Wait","Seconds":3600,"Next":"Ship"},
                  "Ship":{"Type":"Pass","Result":{"shipped":true},"End":true},
                  "Declined":{"Type":"Fail","Error":"PaymentDeclined","Cause":"odd"}}}
                """;
        String definitionRole = role;
        machine = sfn.createStateMachine(b -> b.name("helpers-flow").definition(definition).roleArn(definitionRole))
                .stateMachineArn();
        // A Map over two items, then a Parallel whose branches run side by side: one publishes to a topic that is
        // not there (caught), the other passes through two states.
        String branching = """
                {"StartAt":"Items","States":{
                  "Items":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.mapped",
                    "ItemProcessor":{"StartAt":"Item","States":{"Item":{"Type":"Pass","End":true}}},"Next":"Fanout"},
                  "Fanout":{"Type":"Parallel","End":true,"Branches":[
                    {"StartAt":"Announce","States":{
                      "Announce":{"Type":"Task","Resource":"arn:aws:states:::sns:publish",
                        "Parameters":{"TopicArn":"arn:aws:sns:us-east-1:000000000000:helpers-missing","Message":"m"},
                        "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Announced"}],"End":true},
                      "Announced":{"Type":"Pass","End":true}}},
                    {"StartAt":"Count","States":{"Count":{"Type":"Pass","Next":"Counted"},
                      "Counted":{"Type":"Pass","End":true}}}]}}}
                """;
        branchingMachine = sfn.createStateMachine(b -> b.name("helpers-branches").definition(branching)
                .roleArn(definitionRole)).stateMachineArn();
        context = CheckHelpers.offerTo(clients.offerTo(CheckContext.of(new NoFunction())), new Names());
    }

    @AfterAll
    static void stop() {
        clients.close();
        sqs.close();
        s3.close();
        sfn.close();
        backend.close();
    }

    @Test
    void queues_sendInBatchesOfTen_countDepth_andReceiveAllTakesEveryMessageOff() {
        Queues helper = helper(Queues.class);
        List<String> bodies = IntStream.range(0, 23).mapToObj(i -> "job-" + i).toList();

        List<String> ids = helper.send("work", bodies);

        assertEquals(23, ids.size());
        assertEquals(23, ids.stream().distinct().count(), "one message id per body");
        assertEquals(new QueueDepth(23, 0, 0), helper.depth("work"));
        List<Message> received = helper.receiveAll("work");
        assertEquals(bodies, received.stream().map(Message::body).sorted((a, b) -> Integer.compare(
                Integer.parseInt(a.substring(4)), Integer.parseInt(b.substring(4)))).toList());
        assertTrue(received.get(0).attributes().containsKey(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
                "messages come with their system attributes");
        assertEquals(0, helper.depth("work").total(), "receiveAll deletes what it took");
        assertEquals(List.of(), helper.receiveAll("work"));
        helper.awaitDrained("work", SHORT);
    }

    @Test
    void queues_awaitDrained_failsWithTheDepthAtTheDeadline() {
        Queues helper = helper(Queues.class);
        helper.send("dead", "stays");
        sqs.receiveMessage(b -> b.queueUrl(queues.get("dead")).waitTimeSeconds(1));
        helper.send("dead", List.of("one", "two"));

        AssertionError failed = assertThrows(AssertionError.class, () -> helper.awaitDrained("dead", SHORT));

        assertEquals("expected queue dead to be drained (no message visible, in flight or delayed) within 0.6 s, but "
                + "it still holds 2 visible, 1 in flight, 0 delayed", failed.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> helper.depth("nope"));
        assertTrue(unknown.getMessage().contains("work"), unknown.getMessage());
    }

    @Test
    void queues_sendToAFifoQueue_givesEachMessageAGroupAndDeduplicationId() {
        Queues helper = helper(Queues.class);

        helper.send("ordered", List.of("same", "same", "other"));

        assertEquals(List.of("same", "same", "other"), helper.receiveAll("ordered").stream().map(Message::body)
                .toList(), "FIFO keeps the order; no body is taken as a duplicate of another");
    }

    @Test
    void buckets_putAndRead_andPutAndAwait_failsNamingTheObjectWhenNothingRuns() {
        Buckets helper = helper(Buckets.class);

        helper.put("inbox", "in/a.txt", "héllo");

        assertEquals(Optional.of("héllo"), helper.read("inbox", "in/a.txt"));
        assertEquals(Optional.empty(), helper.read("inbox", "in/missing.txt"));
        AssertionError failed = assertThrows(AssertionError.class, () -> helper.putAndAwait("inbox", "in/b.txt",
                "x", new NoFunction(), SHORT));
        assertEquals("expected the function to run on in/b.txt put into bucket inbox within 0.6 s, but it ran 0 "
                + "time(s) in all, 0 before the put", failed.getMessage());
        assertEquals(Optional.of("x"), helper.read("inbox", "in/b.txt"), "the object was put all the same");
    }

    @Test
    void buckets_putAndAwait_whenThePutCannotReachS3_failsNamingThePutInsteadOfWaiting() {
        // Nothing listens on port 1: the put fails on the client's side, with no answer from S3.
        try (S3Client unreachable = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .build()) {
            Buckets helper = new SdkBuckets(unreachable, new Names());

            AssertionError failed = assertThrows(AssertionError.class, () -> helper.putAndAwait("inbox", "in/c.txt",
                    "x", new NoFunction(), Duration.ofMinutes(5)));

            assertTrue(failed.getMessage().startsWith("putting s3://" + bucket + "/in/c.txt (bucket inbox) failed, "
                    + "so the function was not awaited: "), failed.getMessage());
        }
    }

    @Test
    void stateMachines_runAnExecution_andReadTheStatesItWentThrough() {
        StateMachines helper = helper(StateMachines.class);

        Execution shipped = helper.run("flow", "{\"n\":2,\"odd\":false}", Duration.ofSeconds(20));
        Execution declined = helper.run("flow", "{\"n\":3,\"odd\":true}", Duration.ofSeconds(20));

        assertTrue(shipped.succeeded(), shipped::describe);
        assertEquals("{\"shipped\":true}", shipped.output());
        assertEquals(List.of("Validate", "Check", "Ship"), shipped.history().entered());
        assertEquals(List.of("Validate", "Check", "Ship"), shipped.history().exited());
        assertEquals(List.of(), shipped.history().failures());
        assertEquals("FAILED", declined.status());
        assertEquals("PaymentDeclined", declined.error());
        assertEquals(List.of("Validate", "Check", "Declined"), declined.history().entered());
        assertEquals(List.of(new ExecutionHistory.Failure(null, "ExecutionFailed", "PaymentDeclined", "odd")),
                declined.history().failures());
        assertEquals("FAILED with PaymentDeclined (odd); entered Validate → Check → Declined; failures: execution: "
                + "PaymentDeclined", declined.describe());
    }

    @Test
    void stateMachines_readStatesInsideMapAndParallel_andNameTheStateABranchFailedIn() {
        StateMachines helper = helper(StateMachines.class);

        Execution done = helper.run("branches", "{\"items\":[1,2]}", Duration.ofSeconds(20));

        assertTrue(done.succeeded(), done::describe);
        List<String> entered = done.history().entered();
        assertEquals(List.of("Items", "Item", "Item", "Fanout"), entered.subList(0, 4), entered.toString());
        assertEquals(List.of("Announce", "Announced", "Count", "Counted"),
                entered.subList(4, entered.size()).stream().sorted().toList(), entered.toString());
        assertTrue(entered.indexOf("Announce") < entered.indexOf("Announced"), entered.toString());
        assertTrue(entered.indexOf("Count") < entered.indexOf("Counted"), entered.toString());
        assertEquals(2, done.history().timesEntered("Item"));
        assertEquals(entered.stream().sorted().toList(), done.history().exited().stream().sorted().toList());
        assertEquals(1, done.history().failures().size(), done.history().failures().toString());
        ExecutionHistory.Failure failure = done.history().failures().get(0);
        assertEquals("Announce", failure.state(), "the failure belongs to its branch's state, whatever ran beside it");
        assertEquals("TaskFailed", failure.event());
        assertEquals("SNS.NotFoundException", failure.error());
        assertEquals(List.of(failure), done.history().failuresIn("Announce"));
    }

    @Test
    void stateMachines_await_failsWithTheStatesEnteredSoFar() {
        StateMachines helper = helper(StateMachines.class);
        String execution = helper.start("flow", "{\"n\":0}");

        AssertionError failed = assertThrows(AssertionError.class, () -> helper.await(execution, SHORT));

        assertEquals("expected execution " + execution + " to end within 0.6 s, but it is still RUNNING, having "
                + "entered Validate → Check → Stuck", failed.getMessage());
        sfn.stopExecution(b -> b.executionArn(execution));
    }

    private static <T> T helper(Class<T> type) {
        return type.cast(context.parameter(type).orElseThrow());
    }

    /** A function that never runs, for a put nothing is notified of. */
    private static final class NoFunction implements DeployedFunction {

        @Override
        public String name() {
            return "none";
        }

        @Override
        public Invocation invoke(String jsonEvent) {
            throw new UnsupportedOperationException("the helpers under test never call this");
        }

        @Override
        public Invocation invoke(Object event) {
            throw new UnsupportedOperationException("the helpers under test never call this");
        }

        @Override
        public int invocationCount() {
            return 0;
        }
    }

    /** The names a grading would have provisioned, for the resources this test made itself. */
    private static final class Names implements Resources {

        @Override
        public String queueUrl(String logical) {
            String url = queues.get(logical);
            if (url == null) {
                throw new IllegalArgumentException("no queue " + logical + "; declared: " + new ArrayList<>(
                        queues.keySet()).stream().sorted().toList());
            }
            return url;
        }

        @Override
        public String bucket(String logical) {
            return known(logical, "inbox", bucket);
        }

        @Override
        public String stateMachineArn(String logical) {
            return "branches".equals(logical) ? branchingMachine : known(logical, "flow", machine);
        }

        private static String known(String logical, String declared, String physical) {
            if (!declared.equals(logical)) {
                throw new IllegalArgumentException("no " + logical + "; declared: " + declared);
            }
            return physical;
        }

        @Override
        public String table(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String keyId(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String keyArn(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String alias(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String parameter(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String queueArn(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String topicArn(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String bus(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String stream(String logical) {
            throw new IllegalArgumentException(logical);
        }

        @Override
        public String roleArn() {
            throw new UnsupportedOperationException("the helpers under test never call this");
        }

        @Override
        public Optional<String> apiUrl() {
            return Optional.empty();
        }

        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public String name(String purpose) {
            return "lab-test-" + purpose;
        }

        @Override
        public Map<String, String> tags() {
            return Map.of();
        }
    }
}
