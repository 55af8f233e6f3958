package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.bootstrap.LaunchParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessSpecTests {

    private final FunctionSpec function = new FunctionSpec("000000000000", "eu-west-1", "orders",
            "arn:aws:lambda:eu-west-1:000000000000:function:orders", "java21", "example.Orders::handle", 512, 30,
            Map.of("TABLE_NAME", "orders", "AWS_ENDPOINT_URL", "http://elsewhere:4566"), Path.of("/work/task"),
            Path.of("/work/envs"));
    private static final LaunchParameters LAUNCH = LaunchParameters.direct("t", "s");
    private final RuntimeSettings settings = new RuntimeSettings(Path.of("/jdk/bin/java"),
            List.of(Path.of("/rt/boot.jar"), Path.of("/rt/core.jar")), Path.of("/rt"), Path.of("/rt/none.jsa"),
            "http://127.0.0.1:4566");

    private final ChildProcessSpec spec = ChildProcessSpec.build(function, settings, Path.of("/work/envs/env-1"),
            "127.0.0.1:9001", LaunchParameters.direct("secret-token", "runtime-secret"), "2025/01/01/[$LATEST]abc");

    @Test
    void command_limitsHeapTo85PercentAndRunsTheBootstrap() {
        List<String> command = spec.command();

        assertEquals("/jdk/bin/java", command.get(0));
        assertTrue(command.contains("-Xmx435m"), command.toString());
        assertTrue(command.containsAll(List.of("-Xss1m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xshare:auto", "-Djava.io.tmpdir=/work/envs/env-1/tmp")), command.toString());
        assertTrue(command.stream().anyMatch(arg -> arg.startsWith("-XX:MaxMetaspaceSize=")), command.toString());
        assertEquals(List.of("-cp", "/rt/boot.jar:/rt/core.jar", ChildProcessSpec.BOOTSTRAP_MAIN),
                command.subList(command.size() - 3, command.size()));
        assertEquals(Path.of("/work/envs/env-1"), spec.workingDirectory());
    }

    @Test
    void command_withoutATrainedArchive_startsWithoutOne() {
        assertFalse(spec.command().stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile")));
    }

    @Test
    void command_withATrainedArchive_usesItQuietly(@TempDir Path dir) throws IOException {
        Path archive = Files.createFile(dir.resolve("lambda-runtime.jsa"));
        RuntimeSettings trained = new RuntimeSettings(Path.of("/jdk/bin/java"), List.of(Path.of("/rt/boot.jar")),
                Path.of("/rt"), archive, "http://127.0.0.1:4566");

        List<String> command = ChildProcessSpec.build(function, trained, Path.of("/e"), "h:1", LAUNCH, "s").command();

        assertTrue(command.contains("-XX:SharedArchiveFile=" + archive), command.toString());
        assertTrue(command.contains("-Xlog:cds=off,cds+dynamic=off"), command.toString());
    }

    @Test
    void environment_isLambdasSetPlusTheFunctionsVariables() {
        Map<String, String> env = spec.environment();

        assertEquals("orders", env.get("AWS_LAMBDA_FUNCTION_NAME"));
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION"));
        assertEquals("512", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertEquals("/aws/lambda/orders", env.get("AWS_LAMBDA_LOG_GROUP_NAME"));
        assertEquals("2025/01/01/[$LATEST]abc", env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
        assertEquals("eu-west-1", env.get("AWS_REGION"));
        assertEquals("eu-west-1", env.get("AWS_DEFAULT_REGION"));
        assertEquals("test", env.get("AWS_ACCESS_KEY_ID"));
        assertEquals("127.0.0.1:9001", env.get("AWS_LAMBDA_RUNTIME_API"));
        assertEquals("/work/task", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("/rt", env.get("LAMBDA_RUNTIME_DIR"));
        assertEquals("example.Orders::handle", env.get("_HANDLER"));
        assertEquals("AWS_Lambda_java21", env.get("AWS_EXECUTION_ENV"));
        assertEquals("orders", env.get("TABLE_NAME"));
        assertEquals("http://elsewhere:4566", env.get("AWS_ENDPOINT_URL"), "a function's own endpoint wins");
        assertEquals("C.UTF-8", env.get("LANG"));
        assertEquals(":UTC", env.get("TZ"));
    }

    @Test
    void environment_neverCarriesTheEmulatorsOwnVariables() {
        Map<String, String> env = spec.environment();

        assertFalse(env.containsKey("HOME"));
        assertFalse(env.containsKey("JAVA_TOOL_OPTIONS"));
        assertFalse(env.containsKey("MAVEN_OPTS"));
        assertFalse(env.containsValue("secret-token"), "the marker token must stay out of the environment");
    }

    @Test
    void secrets_travelOnStdinOnly_neverInTheCommandLineOrTheEnvironment() {
        String everything = String.join(" ", spec.command()) + " " + spec.environment();

        assertFalse(everything.contains("secret-token"), everything);
        assertFalse(everything.contains("runtime-secret"), everything);
        String stdin = new String(spec.stdin(), StandardCharsets.UTF_8);
        assertTrue(stdin.contains("token=secret-token\n") && stdin.contains("runtime-secret=runtime-secret\n"), stdin);
    }

    @Test
    void environment_inAnotherAccount_usesTheAccountAsAccessKey() {
        FunctionSpec other = new FunctionSpec("111122223333", "us-east-1", "f", "arn", "java17", "h", 128, 3,
                Map.of(), Path.of("/t"), Path.of("/e"));

        Map<String, String> env = ChildProcessSpec.build(other, settings, Path.of("/e/env-1"), "h:1", LAUNCH, "s")
                .environment();

        assertEquals("111122223333", env.get("AWS_ACCESS_KEY_ID"));
    }
}
