package dev.serverlesslab.emulator.lambda.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import dev.serverlesslab.emulator.lambda.runtime.EnvironmentPool;
import dev.serverlesslab.emulator.lambda.runtime.FunctionLog;
import dev.serverlesslab.emulator.lambda.runtime.FunctionSpec;
import dev.serverlesslab.emulator.lambda.runtime.InvocationResult;
import dev.serverlesslab.emulator.lambda.runtime.InvokeInput;
import dev.serverlesslab.emulator.lambda.runtime.OtherRuntimeApi;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.NetworkProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler trying to take another environment's events or answer its invocations: contained with or without the
 * sandbox (unconfined, that Runtime API is reachable on the host's loopback but refuses requests without its secret).
 */
class RuntimeApiIsolationTests {

    /** What confines environments on this machine, detected once for the class as an emulator does at start. */
    private static final Sandbox SANDBOX = Sandbox.detect();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final ExecutorService apiThreads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        apiThreads.shutdownNow();
    }

    @Test
    void handler_cannotTakeAnotherEnvironmentsEvents_norAnswerItsInvocations() throws Exception {
        try (OtherRuntimeApi other = OtherRuntimeApi.start()) {
            String next = "http://" + other.hostPort() + "/2018-06-01/runtime/invocation/next";
            String respond = "http://" + other.hostPort() + "/2018-06-01/runtime/invocation/req-1/response";

            JsonNode gets = probe(Map.of("get", List.of(next, respond))).get("gets");

            assertFalse(gets.get(next).asText().startsWith("2"), gets.toString());
            assertFalse(gets.get(respond).asText().startsWith("2"), gets.toString());
            assertEquals(List.of(), other.calls(), "a request reached the other environment: " + gets);
        }
    }

    private JsonNode probe(Map<String, Object> event) throws IOException {
        FunctionZips.unpack(dir.resolve("task"), NetworkProbe.class);
        RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(dir.resolve("rt")), dir.resolve("rt"), null, "http://127.0.0.1:4566");
        FunctionSpec function = new FunctionSpec("000000000000", "us-east-1", "hostile-runtime-api",
                "arn:aws:lambda:us-east-1:000000000000:function:hostile-runtime-api", "java17",
                "fixtures.NetworkProbe::handle", 256, 30, Map.of(), dir.resolve("task"), dir.resolve("environments"));
        try (EnvironmentPool pool = new EnvironmentPool(function, settings, SANDBOX, apiThreads,
                new FunctionLog(FunctionLog.DEFAULT_MAX_BYTES), 1)) {
            InvocationResult result = pool.invoke(new InvokeInput(UUID.randomUUID().toString(),
                    JSON.writeValueAsBytes(event), null));
            String payload = new String(result.payload(), StandardCharsets.UTF_8);
            assertFalse(result.failed(), payload + "\n" + result.logText());
            return JSON.readTree(payload);
        }
    }

}
