package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST API control plane driven by the {@code aws} CLI and boto3, clients nobody here wrote, which parse the
 * wire format more strictly than the Java SDK. Skipped, saying why, where they are not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiGatewayIndependentClientsTests {

    private final ObjectMapper json = new ObjectMapper();
    private LambdaBackend lambda;
    private EdgeServer edge;
    private String endpoint;

    @BeforeAll
    void start(@TempDir Path workDir) {
        Path runtime = workDir.resolve("runtime");
        lambda = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"));
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new ApiGatewayHandler(new ApiGatewayBackend(lambda)))));
        endpoint = "http://127.0.0.1:" + edge.port();
    }

    @AfterAll
    void stop() {
        edge.close();
        lambda.close();
    }

    @Test
    void awsCli_createsAnApiAndAResource_andReportsNotFound() throws Exception {
        assumeTrue(runs("aws", "--version"), "the aws CLI is not installed on this machine");

        JsonNode api = aws("apigateway", "create-rest-api", "--name", "cli-api");
        String id = api.path("id").asText();
        aws("apigateway", "create-resource", "--rest-api-id", id, "--parent-id", api.path("rootResourceId").asText(),
                "--path-part", "{proxy+}");

        JsonNode resources = aws("apigateway", "get-resources", "--rest-api-id", id);
        assertEquals("/{proxy+}", resources.path("items").get(1).path("path").asText(), resources.toString());
        Result missing = run(command("apigateway", "get-rest-api", "--rest-api-id", "nosuchapi0"));
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("NotFoundException"), missing.output());
    }

    @Test
    void boto3_setsUpALambdaProxyApiAndDeploysIt() throws Exception {
        assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 is not installed on this machine");
        String script = """
                import boto3, sys
                gw = boto3.client("apigateway", endpoint_url=sys.argv[1], region_name="us-east-1",
                                  aws_access_key_id="test", aws_secret_access_key="test")
                api = gw.create_rest_api(name="py-api")
                res = gw.create_resource(restApiId=api["id"], parentId=api["rootResourceId"], pathPart="orders")
                gw.put_method(restApiId=api["id"], resourceId=res["id"], httpMethod="GET", authorizationType="NONE")
                uri = ("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                       "arn:aws:lambda:us-east-1:000000000000:function:f/invocations")
                gw.put_integration(restApiId=api["id"], resourceId=res["id"], httpMethod="GET", type="AWS_PROXY",
                                   integrationHttpMethod="POST", uri=uri)
                dep = gw.create_deployment(restApiId=api["id"], stageName="prod")
                stage = gw.get_stage(restApiId=api["id"], stageName="prod")
                assert stage["deploymentId"] == dep["id"], stage
                assert stage["createdDate"].year >= 2024, stage
                try:
                    gw.get_stage(restApiId=api["id"], stageName="nope")
                    raise SystemExit("found a stage that does not exist")
                except gw.exceptions.NotFoundException:
                    pass
                print(gw.get_integration(restApiId=api["id"], resourceId=res["id"], httpMethod="GET")["type"])
                """;
        Result result = run(List.of("python3", "-c", script, endpoint));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("AWS_PROXY", result.output().strip());
    }

    private JsonNode aws(String... args) throws Exception {
        Result result = run(command(args));
        assertEquals(0, result.exitCode(), String.join(" ", args) + " failed: " + result.output());
        return result.output().isBlank() ? json.createObjectNode() : json.readTree(result.output());
    }

    private List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1",
                "--output", "json"));
        command.addAll(List.of(args));
        return command;
    }

    private static boolean runs(String... command) {
        try {
            return run(List.of(command)).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
