package dev.serverlesslab.emulator.dynamodb;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.ChildProcesses;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DynamoDB Local child's lifecycle as the emulator's endpoint shows it: lazy start, one child, clean close. */
class DynamoDbServiceTests {

    private static final String CREATE_TABLE = "{\"TableName\":\"notes\",\"BillingMode\":\"PAY_PER_REQUEST\","
            + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
            + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]}";

    @TempDir
    Path workDir;

    @Test
    void health_saysAvailableBeforeTheFirstRequestAndRunningAfter() throws Exception {
        try (DynamoDbWire wire = new DynamoDbWire(new DynamoDbService(workDir))) {
            assertEquals("{\"services\":{\"dynamodb\":\"available\"},\"edition\":\"community\",\"version\":\"test\"}",
                    wire.health());
            assertTrue(DynamoDbWire.children(workDir).isEmpty(), "DynamoDB Local started before any request");

            assertEquals(200, wire.post("ListTables", "{}").statusCode());

            assertTrue(wire.health().contains("\"dynamodb\":\"running\""), wire.health());
        }
    }

    @Test
    void startInBackground_startsTheChildBeforeAnyRequest_andTheFirstRequestUsesIt() throws Exception {
        DynamoDbService service = new DynamoDbService(workDir);
        try (DynamoDbWire wire = new DynamoDbWire(service)) {
            service.startInBackground();

            await().atMost(Duration.ofSeconds(120)).until(service::running);
            long started = service.childPid();
            assertEquals(200, wire.post("ListTables", "{}").statusCode());
            assertEquals(started, service.childPid(), "the first request started another DynamoDB Local");
            assertEquals(1, DynamoDbWire.children(workDir).size());
        }
    }

    @Test
    void concurrentFirstRequests_startOneChildAndAllSucceed() throws Exception {
        try (DynamoDbWire wire = new DynamoDbWire(new DynamoDbService(workDir))) {
            int callers = 6;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return wire.post("ListTables", "{}");
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : answers) {
                assertEquals(200, answer.get().statusCode(), answer.get().body());
            }
            pool.shutdown();

            assertEquals(1, DynamoDbWire.children(workDir).size());
        }
    }

    @Test
    void close_killsTheChildAndDeletesItsDirectory() throws Exception {
        DynamoDbService service = new DynamoDbService(workDir);
        try (DynamoDbWire wire = new DynamoDbWire(service)) {
            assertEquals(200, wire.post("CreateTable", CREATE_TABLE).statusCode());
            assertTrue(ProcessHandle.of(service.childPid()).map(ProcessHandle::isAlive).orElse(false));
        }
        long pid = service.childPid();

        assertTrue(pid == -1 || ChildProcesses.awaitGone(pid), "DynamoDB Local survived close(): pid " + pid);
        assertTrue(DynamoDbWire.children(workDir).isEmpty(), "a DynamoDB Local JVM survived close()");
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void request_afterClose_answers500AndStartsNothing() throws Exception {
        DynamoDbService service = new DynamoDbService(workDir);
        try (DynamoDbWire wire = new DynamoDbWire(service)) {
            service.close();

            HttpResponse<String> response = wire.post("ListTables", "{}");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("{\"__type\":\"InternalServerError\""), response.body());
            assertTrue(DynamoDbWire.children(workDir).isEmpty());
        }
    }

    @Test
    void request_afterTheChildDied_startsANewOneWithoutTheOldTables() throws Exception {
        DynamoDbService service = new DynamoDbService(workDir);
        try (DynamoDbWire wire = new DynamoDbWire(service)) {
            assertEquals(200, wire.post("CreateTable", CREATE_TABLE).statusCode());
            long first = service.childPid();
            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            assertTrue(ChildProcesses.awaitGone(first));

            HttpResponse<String> tables = wire.post("ListTables", "{}");

            assertEquals(200, tables.statusCode(), tables.body());
            assertEquals("{\"TableNames\":[]}", tables.body());
            assertNotEquals(first, service.childPid());
        }
    }

    @Test
    void unknownOperation_answers400NamingIt() throws Exception {
        try (DynamoDbWire wire = new DynamoDbWire(new DynamoDbService(workDir))) {
            HttpResponse<String> response = wire.post("Frobnicate", "{}");

            assertEquals(400, response.statusCode());
            assertEquals("application/x-amz-json-1.0", response.headers().firstValue("Content-Type").orElse(""));
            assertTrue(response.body().startsWith("{\"__type\":\"UnknownOperationException\",\"message\":"),
                    response.body());
            assertTrue(response.body().contains("DynamoDB_20120810.Frobnicate"), response.body());
        }
    }

    @Test
    void errors_fromDynamoDbLocal_reachTheClientUnchanged() throws Exception {
        try (DynamoDbWire wire = new DynamoDbWire(new DynamoDbService(workDir))) {
            HttpResponse<String> response = wire.post("DescribeTable", "{\"TableName\":\"missing\"}");

            assertEquals(400, response.statusCode());
            assertTrue(response.body().contains("#ResourceNotFoundException\""), response.body());
            assertTrue(response.headers().firstValue("x-amzn-RequestId").isPresent());
        }
    }

    @Test
    void startFailure_answers500WithTheChildsOutput() throws Exception {
        Path notAJar = Files.writeString(workDir.resolve("not-a.jar"), "plain text");
        DynamoDbService service = new DynamoDbService(() -> new DynamoDbLocalClasspath(List.of(notAJar)),
                DynamoDbLocalCommand.currentJava(), workDir.resolve("child"));
        try (DynamoDbWire wire = new DynamoDbWire(service)) {
            HttpResponse<String> response = wire.post("ListTables", "{}");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().startsWith("{\"__type\":\"InternalServerError\",\"message\":\"Serverless Lab's "
                    + "emulator could not start DynamoDB Local: DynamoDB Local exited with code 1"), response.body());
            assertTrue(response.body().contains(DynamoDbLocalCommand.MAIN_CLASS), response.body());
            assertFalse(wire.health().contains("running"), wire.health());
        }
    }

    @Test
    void missingJars_answer500SayingHowToGetThemBack() throws Exception {
        Path gone = workDir.resolve("repository/DynamoDBLocal-2.6.1.jar");
        DynamoDbService service = new DynamoDbService(() -> new DynamoDbLocalClasspath(List.of(gone)),
                DynamoDbLocalCommand.currentJava(), workDir);
        try (DynamoDbWire wire = new DynamoDbWire(service)) {
            HttpResponse<String> response = wire.post("ListTables", "{}");

            assertEquals(500, response.statusCode());
            assertTrue(response.body().contains("1 of DynamoDB Local's 1 jars are missing, e.g. " + gone),
                    response.body());
            assertTrue(response.body().contains("rebuild"), response.body());
            assertTrue(DynamoDbWire.children(workDir).isEmpty());
        }
    }
}
