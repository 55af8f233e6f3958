package dev.serverlesslab.emulator.lambda.bootstrap;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@link LambdaLogger} of {@code context.getLogger()}: each call becomes one line of the function's log. With
 * {@code AWS_LAMBDA_LOG_FORMAT=JSON} it writes what AWS's runtime interface client writes, one
 * {@code {"timestamp","level","message","AWSRequestId"}} object per call, and drops calls below
 * {@code AWS_LAMBDA_LOG_LEVEL} (a call without a level, {@code UNDEFINED}, always passes, as there).
 */
final class ConsoleLogger implements LambdaLogger {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Console console;
    private final boolean json;
    private final LogLevel minimum;
    private volatile String requestId;

    /** A plain-text logger, as with Lambda's default {@code Text} log format. */
    ConsoleLogger(Console console) {
        this(console, null, null);
    }

    /**
     * @param format {@code AWS_LAMBDA_LOG_FORMAT}: {@code JSON}, else text
     * @param level {@code AWS_LAMBDA_LOG_LEVEL}, the application log level; null lets every level through
     */
    ConsoleLogger(Console console, String format, String level) {
        this.console = console;
        this.json = "JSON".equalsIgnoreCase(format);
        this.minimum = level == null || level.isEmpty() ? LogLevel.UNDEFINED : LogLevel.fromString(level);
    }

    /** The invocation the next lines belong to, named in JSON records as {@code AWSRequestId}. */
    void invocation(String requestId) {
        this.requestId = requestId;
    }

    @Override
    public void log(String message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(byte[] message) {
        log(message, LogLevel.UNDEFINED);
    }

    @Override
    public void log(String message, LogLevel level) {
        if (!enabled(level)) {
            return;
        }
        String text = String.valueOf(message);
        if (json) {
            text = "{\"timestamp\":" + JsonText.quote(TIMESTAMP.format(Instant.now())) + ",\"level\":"
                    + JsonText.quote((level == null ? LogLevel.UNDEFINED : level).name()) + ",\"message\":"
                    + JsonText.quote(text) + (requestId == null ? "" : ",\"AWSRequestId\":" + JsonText.quote(requestId))
                    + "}";
        }
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void log(byte[] message, LogLevel level) {
        // As AWS's runtime: byte arrays are written as they are, whatever the format.
        if (enabled(level)) {
            write(message);
        }
    }

    private boolean enabled(LogLevel level) {
        return level == null || level == LogLevel.UNDEFINED || level.ordinal() >= minimum.ordinal();
    }

    private void write(byte[] message) {
        System.out.flush();
        console.logEvent(message);
    }
}
