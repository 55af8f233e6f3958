package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.serverlesslab.emulator.core.AwsException;
import org.junit.jupiter.api.Test;

/** Which Reason a throttled invocation carries. */
class FunctionConcurrencyTests {

    @Test
    void withReason_forThePoolsLimit_namesTheAccountWideReason() {
        AwsException pool = new AwsException("TooManyRequestsException", "Rate Exceeded. at most 10", 429);

        ThrottledException throttled = (ThrottledException) FunctionConcurrency.withReason(pool);

        assertEquals("ConcurrentInvocationLimitExceeded", throttled.reason());
        assertEquals("Rate Exceeded. at most 10", throttled.getMessage());
        assertEquals(429, throttled.httpStatus());
    }

    @Test
    void withReason_forAnyOtherError_passesItUnchanged() {
        AwsException missing = new AwsException("ResourceNotFoundException", "Function not found: x", 404);

        assertSame(missing, FunctionConcurrency.withReason(missing));
    }
}
