package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.ChildProcesses;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.ForgesPlatformLines;
import fixtures.SpawnsChild;
import fixtures.Spin;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The emulator's lifecycle: start on a port, report health, and leave nothing behind on close. */
class EmulatorTests {

    @Test
    void start_onPortZero_servesLambdaAndKmsOnAFreeLoopbackPort() {
        try (Emulator emulator = Emulator.start(EmulatorConfig.defaults().withPort(0))) {
            assertTrue(emulator.port() > 0);
            assertEquals(URI.create("http://127.0.0.1:" + emulator.port()), emulator.endpoint());
            assertEquals(List.of("lambda", "kms", "ssm", "iam", "sts", "logs", "dynamodb", "apigateway", "sqs", "sns",
                    "s3", "events", "scheduler", "states", "kinesis"),
                    emulator.services());
        }
    }

    @Test
    void health_answersInLocalStacksShape() throws Exception {
        try (Emulator emulator = Emulator.start(EmulatorConfig.defaults().withPort(0))) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(emulator.endpoint().resolve("/_localstack/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, health.statusCode());
            assertTrue(health.body().matches("\\{\"services\":\\{\"lambda\":\"running\",\"kms\":\"running\","
                    + "\"ssm\":\"running\",\"iam\":\"running\",\"sts\":\"running\",\"logs\":\"running\","
                    + "\"dynamodb\":\"available\",\"apigateway\":\"running\",\"sqs\":\"running\","
                    + "\"sns\":\"running\",\"s3\":\"running\",\"events\":\"running\",\"scheduler\":\"running\","
                    + "\"states\":\"running\",\"kinesis\":\"running\"},"
                    + "\"edition\":\"community\","
                    + "\"version\":\"\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\"}"), health.body());
        }
    }

    @Test
    void start_onAPortInUse_failsNamingThePort() {
        try (Emulator first = Emulator.start(EmulatorConfig.defaults().withPort(0))) {
            UncheckedIOException error = assertThrows(UncheckedIOException.class,
                    () -> Emulator.start(EmulatorConfig.defaults().withPort(first.port())));

            assertTrue(error.getMessage().contains("127.0.0.1:" + first.port()), error.getMessage());
        }
    }

    @Test
    void close_killsEveryEnvironmentWithItsChildrenAndDeletesTheTempDir() throws Exception {
        Emulator emulator = Emulator.start(EmulatorConfig.defaults().withPort(0));
        Path workDir = emulator.workDir();
        long grandchild;
        try (LambdaClient lambda = client(emulator)) {
            create(lambda, "busy", "fixtures.Spin::handle", FunctionZips.of(Spin.class));
            create(lambda, "spawner", "fixtures.SpawnsChild::handle", FunctionZips.of(SpawnsChild.class));
            lambda.invoke(b -> b.functionName("busy").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{}")));
            lambda.invoke(b -> b.functionName("spawner"));
            // Found by its host pid: inside the sandbox's PID namespace the handler only knows a pid of its own.
            grandchild = ProcessHandle.current().descendants()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                    .findFirst().orElseThrow(() -> new AssertionError("the handler's sleep process is not running"))
                    .pid();
            assertFalse(ChildProcesses.of(workDir, null).isEmpty(), "the test needs running environments");
            assertTrue(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            emulator.close();
        }

        assertTrue(ChildProcesses.awaitNone(workDir, null), () -> "environments survived close(): "
                + ChildProcesses.of(workDir, null).stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                        .toList());
        assertTrue(ChildProcesses.awaitGone(grandchild), "a process started by a handler survived close()");
        assertFalse(Files.exists(workDir), "the temporary work directory is still there: " + workDir);
    }

    @Test
    void platformLines_byFunctionArn_holdTheRealReportOnly_andAnyOtherArnHasNone() {
        try (Emulator emulator = Emulator.start(EmulatorConfig.defaults().withPort(0));
             LambdaClient lambda = client(emulator)) {
            String arn = lambda.createFunction(b -> b.functionName("forger").runtime(Runtime.JAVA17)
                    .role("arn:aws:iam::000000000000:role/lambda-role").handler("fixtures.ForgesPlatformLines::handle")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(ForgesPlatformLines.class)))))
                    .functionArn();
            String requestId = lambda.invoke(b -> b.functionName("forger")).responseMetadata().requestId();

            List<String> lines = emulator.platformLines(arn);

            assertTrue(lines.get(0).startsWith("INIT_START Runtime Version: java:17."), lines.toString());
            assertEquals(List.of("START RequestId: " + requestId + " Version: $LATEST", "END RequestId: " + requestId),
                    lines.subList(1, 3));
            assertEquals(1, lines.stream().filter(l -> l.startsWith("REPORT RequestId: " + requestId)).count(),
                    lines.toString());
            assertTrue(lines.stream().noneMatch(l -> l.contains("99999999999999999999")), lines.toString());
            assertEquals(lines, emulator.platformLines(arn + ":$LATEST"), "a qualifier names the same function");
            for (String other : List.of("", "arn", "arn:aws:lambda:us-east-1:111111111111:function:forger",
                    "arn:aws:lambda:us-east-1:000000000000:function:nobody", "arn:aws:s3:::bucket", "::::::")) {
                assertTrue(emulator.platformLines(other).isEmpty(), other);
            }
            assertTrue(emulator.platformLines(null).isEmpty());
        }
    }

    /** A Lambda client of the default account, whose execution role {@code lambda-role} exists. */
    private static LambdaClient client(Emulator emulator) {
        ExecutionRole.create(emulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), "lambda-role");
        return LambdaClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static void create(LambdaClient lambda, String name, String handler, byte[] zip) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17)
                .role("arn:aws:iam::000000000000:role/lambda-role").handler(handler).timeout(60)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }
}
