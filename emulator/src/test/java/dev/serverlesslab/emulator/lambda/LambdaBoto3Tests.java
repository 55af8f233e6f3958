package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fixtures.Counter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lambda's newer operations through boto3, a client nobody here wrote: resource policies, paginators and the async
 * payload limit. Skipped, saying why, where python3 with boto3 is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaBoto3Tests {

    @TempDir
    Path workDir;
    private RunningEmulator running;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void boto3_permissionsPaginatorsAndAsyncLimit_behaveAsOnAws() throws Exception {
        assumeTrue(runs("python3", "-c", "import boto3"), "python3 with boto3 is not installed on this machine");
        Path zip = workDir.resolve("counter.zip");
        Files.write(zip, FunctionZips.of(Counter.class));
        String script = """
                import boto3, json, sys
                c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                                 aws_access_key_id="test", aws_secret_access_key="test")
                code = open(sys.argv[2], "rb").read()
                for name in ["py-a", "py-b", "py-c"]:
                    c.create_function(FunctionName=name, Runtime="java17", Role="arn:aws:iam::000000000000:role/r",
                                      Handler="fixtures.Counter::handle", Code={"ZipFile": code})
                pages = c.get_paginator("list_functions").paginate(PaginationConfig={"PageSize": 1})
                names = [f["FunctionName"] for page in pages for f in page["Functions"]]
                c.add_permission(FunctionName="py-a", StatementId="apigw", Action="lambda:InvokeFunction",
                                 Principal="apigateway.amazonaws.com",
                                 SourceArn="arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/x")
                policy = json.loads(c.get_policy(FunctionName="py-a")["Policy"])
                try:
                    c.add_permission(FunctionName="py-a", StatementId="apigw", Action="lambda:InvokeFunction",
                                     Principal="apigateway.amazonaws.com")
                    raise SystemExit("a statement id was used twice")
                except c.exceptions.ResourceConflictException:
                    pass
                c.remove_permission(FunctionName="py-a", StatementId="apigw")
                try:
                    c.get_policy(FunctionName="py-a")
                    raise SystemExit("the policy outlived its last statement")
                except c.exceptions.ResourceNotFoundException:
                    pass
                try:
                    c.invoke(FunctionName="py-a", InvocationType="Event", Payload=b'"' + b"x" * 1048576 + b'"')
                    raise SystemExit("an Event payload over 1 MiB was accepted")
                except c.exceptions.RequestTooLargeException:
                    pass
                print(",".join(names), policy["Statement"][0]["Condition"]["ArnLike"]["AWS:SourceArn"])
                """;
        Result result = run(List.of("python3", "-c", script, running.emulator.endpoint().toString(), zip.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("py-a,py-b,py-c arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/x", result.output().strip());
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
        builder.environment().putAll(Map.of("AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE",
                "/dev/null"));
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private record Result(int exitCode, String output) {
    }
}
