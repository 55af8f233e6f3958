package dev.serverlesslab.emulator.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.nio.file.Path;
import java.util.List;
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

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private LambdaBackend lambda;
    private EdgeServer edge;
    private String endpoint;

    @BeforeAll
    void start(@TempDir Path workDir) {
        Path runtime = workDir.resolve("runtime");
        lambda = new LambdaBackend(workDir.resolve("lambda"), new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566"), SANDBOX);
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
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");

        JsonNode api = aws("apigateway", "create-rest-api", "--name", "cli-api");
        String id = api.path("id").asText();
        aws("apigateway", "create-resource", "--rest-api-id", id, "--parent-id", api.path("rootResourceId").asText(),
                "--path-part", "{proxy+}");

        JsonNode resources = aws("apigateway", "get-resources", "--rest-api-id", id);
        assertEquals("/{proxy+}", resources.path("items").get(1).path("path").asText(), resources.toString());
        ExternalClients.Result missing = ExternalClients.run(command("apigateway", "get-rest-api", "--rest-api-id", "nosuchapi0"));
        assertNotEquals(0, missing.exitCode());
        assertTrue(missing.output().contains("NotFoundException"), missing.output());
    }

    @Test
    void boto3_setsUpALambdaProxyApiAndDeploysIt() throws Exception {
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"), "python3 with boto3 is not installed on this machine");
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
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script, endpoint));
        assertEquals(0, result.exitCode(), result.output());
        assertEquals("AWS_PROXY", result.output().strip());
    }

    private JsonNode aws(String... args) throws Exception {
        return ExternalClients.awsJson(endpoint, args);
    }

    private List<String> command(String... args) {
        return ExternalClients.aws(endpoint, args);
    }
}
