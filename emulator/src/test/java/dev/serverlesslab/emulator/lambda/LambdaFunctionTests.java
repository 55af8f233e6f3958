package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function's count of running invocations against its reserved concurrency. */
class LambdaFunctionTests {

    private final LambdaFunction function = new LambdaFunction(null, Map.of(), Path.of("unused"));

    @Test
    void tryStart_beyondReservedConcurrency_isRefusedUntilOneFinishes() {
        function.reserveConcurrency(2);

        assertTrue(function.tryStart());
        assertTrue(function.tryStart());
        assertFalse(function.tryStart());
        function.finish();
        assertTrue(function.tryStart());
    }

    @Test
    void tryStart_withoutReservation_isNeverRefused() {
        for (int running = 0; running < 50; running++) {
            assertTrue(function.tryStart());
        }
    }

    @Test
    void tryStart_afterReservationRemoved_isAllowedAgain() {
        function.reserveConcurrency(0);
        assertFalse(function.tryStart());

        function.reserveConcurrency(null);

        assertTrue(function.tryStart());
    }
}
