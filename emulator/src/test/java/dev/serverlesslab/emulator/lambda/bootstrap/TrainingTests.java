package dev.serverlesslab.emulator.lambda.bootstrap;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

class TrainingTests {

    /** A failing step would silently leave its classes out of the archive, so each must succeed here. */
    @Test
    void run_goesThroughEveryHandlerFormAndTheRuntimeApiWithoutFailing() {
        assertDoesNotThrow(Training::run);
    }
}
