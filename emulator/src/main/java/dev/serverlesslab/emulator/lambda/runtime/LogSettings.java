package dev.serverlesslab.emulator.lambda.runtime;

import java.util.List;

/**
 * How a function's logs are written (its {@code LoggingConfig}): Lambda's plain-text lines, or JSON with the
 * application and system log levels that filter them, into the log group the function names.
 *
 * @param json true for {@code LogFormat: JSON}
 * @param applicationLevel TRACE, DEBUG, INFO, WARN, ERROR or FATAL; null with the Text format
 * @param systemLevel DEBUG, INFO or WARN; null with the Text format
 * @param logGroup the CloudWatch Logs group the function writes to
 */
public record LogSettings(boolean json, String applicationLevel, String systemLevel, String logGroup) {

    /** Lambda's application log levels, most detailed first. */
    public static final List<String> APPLICATION_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    /** Lambda's system log levels, most detailed first. */
    public static final List<String> SYSTEM_LEVELS = List.of("DEBUG", "INFO", "WARN");

    /** Lambda's default: plain text into {@code /aws/lambda/<name>}. */
    public static LogSettings text(String functionName) {
        return new LogSettings(false, null, null, "/aws/lambda/" + functionName);
    }

    /** Whether an application record of {@code level} passes the application log level; null (no level) passes. */
    boolean application(String level) {
        return passes(level, applicationLevel, APPLICATION_LEVELS);
    }

    /** Whether a platform record of {@code level} passes the system log level. */
    boolean system(String level) {
        return passes(level, systemLevel, SYSTEM_LEVELS);
    }

    /** Levels compare by their place in {@link #APPLICATION_LEVELS}, which holds the system levels too. */
    private static boolean passes(String level, String minimum, List<String> order) {
        if (level == null || minimum == null || !order.contains(minimum)) {
            return true;
        }
        return APPLICATION_LEVELS.indexOf(level) >= APPLICATION_LEVELS.indexOf(minimum);
    }
}
