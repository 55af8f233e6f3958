package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixtures.Counter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Reserved concurrency through the AWS SDK v2: setting, reading and removing it, and its kill switch. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaConcurrencySdkTests {

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        lambda = running.lambda;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void putFunctionConcurrency_isReadBackAndRemovedByDelete() {
        running.create("reserved", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        int put = lambda.putFunctionConcurrency(b -> b.functionName("reserved").reservedConcurrentExecutions(5))
                .reservedConcurrentExecutions();
        Integer read = lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions();
        lambda.deleteFunctionConcurrency(b -> b.functionName("reserved"));

        assertEquals(5, put);
        assertEquals(5, read);
        assertNull(lambda.getFunctionConcurrency(b -> b.functionName("reserved")).reservedConcurrentExecutions());
    }

    @Test
    void invoke_withReservedConcurrencyZero_isThrottledWithItsReason() {
        running.create("switched", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.putFunctionConcurrency(b -> b.functionName("switched").reservedConcurrentExecutions(0));

        TooManyRequestsException error = assertThrows(TooManyRequestsException.class,
                () -> running.invoke("switched", "{}"));

        assertEquals(429, error.statusCode());
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, error.reason());
        assertTrue(error.getMessage().contains("PutFunctionConcurrency"), error.getMessage());
    }

    @Test
    void invoke_afterDeleteFunctionConcurrency_runsAgain() {
        running.create("restored", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.putFunctionConcurrency(b -> b.functionName("restored").reservedConcurrentExecutions(0));
        lambda.deleteFunctionConcurrency(b -> b.functionName("restored"));

        assertEquals("1", running.invoke("restored", "{}").payload().asUtf8String());
    }

    @Test
    void putFunctionConcurrency_negative_failsValidation() {
        running.create("negative", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        LambdaException error = assertThrows(LambdaException.class, () -> lambda.putFunctionConcurrency(
                b -> b.functionName("negative").reservedConcurrentExecutions(-1)));

        assertEquals(400, error.statusCode());
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
    }

    @Test
    void getFunctionConcurrency_ofMissingFunction_failsWithResourceNotFound() {
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunctionConcurrency(b -> b.functionName("nowhere")));
    }
}
