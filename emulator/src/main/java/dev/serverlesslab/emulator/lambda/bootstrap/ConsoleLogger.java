package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The {@link LambdaLogger} of {@code context.getLogger()}: each call becomes one line of the function's log.
 */
final class ConsoleLogger implements LambdaLogger {

    private final Console console;

    ConsoleLogger(Console console) {
        this.console = console;
    }

    @Override
    public void log(String message) {
        log(String.valueOf(message).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message) {
        System.out.flush();
        console.logEvent(message);
    }
}
