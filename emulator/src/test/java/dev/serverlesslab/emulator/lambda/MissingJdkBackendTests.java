package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.runtime.FunctionCredentials;
import dev.serverlesslab.emulator.lambda.runtime.JavaRuntimes;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeClasspath;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeJvms;
import dev.serverlesslab.emulator.lambda.runtime.RuntimeSettings;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import fixtures.Counter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A runtime no JDK on the machine can run is refused at CreateFunction and UpdateFunctionConfiguration. */
class MissingJdkBackendTests {

    private static final AccountRegion SCOPE = new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1");

    @TempDir
    Path workDir;

    @Test
    void createAndUpdate_withARuntimeNoJdkHereRuns_answerInvalidParameterValueNamingTheRuntimeAndTheFix() {
        Path runtime = workDir.resolve("runtime");
        RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.currentJava(),
                RuntimeClasspath.prepare(runtime), runtime, null, "http://127.0.0.1:4566");
        // Only the emulator's own JDK (17 in CI) and no other directory of JDKs to find.
        JavaRuntimes onlyOwn = JavaRuntimes.discover(Map.of(), Path.of(System.getProperty("java.home")),
                workDir.resolve("no-jdks"));
        assumeTrue(Runtime.version().feature() < 25, "the emulator's own JDK runs java25 here");
        try (LambdaBackend backend = new LambdaBackend(workDir.resolve("lambda"), new RuntimeJvms(settings, onlyOwn),
                FunctionCredentials::localStack, Sandbox.detect())) {
            AwsException refused = assertThrows(AwsException.class, () -> backend.createFunction(SCOPE,
                    request("new-java", "java25")));
            assertEquals("InvalidParameterValueException", refused.code());
            assertTrue(refused.getMessage().startsWith("Runtime java25 needs a JDK 25 or newer"), refused.getMessage());
            assertTrue(refused.getMessage().contains("SERVERLESSLAB_JDK_java25"), refused.getMessage());
            assertTrue(backend.listFunctions(SCOPE).isEmpty(), "nothing is left behind");

            backend.createFunction(SCOPE, request("old-java", "java17"));
            AwsException update = assertThrows(AwsException.class, () -> backend.updateFunctionConfiguration(SCOPE,
                    "old-java", new UpdateFunctionConfigurationRequest(null, null, null, null, null, null, "java25",
                            null)));
            assertEquals("InvalidParameterValueException", update.code());
            assertEquals("java17", backend.getFunctionConfiguration(SCOPE, "old-java", null).runtime());
        }
    }

    private static CreateFunctionRequest request(String name, String runtime) {
        return new CreateFunctionRequest(name, runtime, RunningEmulator.ROLE, "fixtures.Counter::handle",
                new CreateFunctionRequest.FunctionCode(FunctionZips.of(Counter.class), null, null, null, null), null,
                10, 128, null, null, new CreateFunctionRequest.Environment(Map.of()), null, null);
    }
}
