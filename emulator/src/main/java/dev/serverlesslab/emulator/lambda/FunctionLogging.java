package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.lambda.runtime.LogSettings;
import java.util.List;

/**
 * A function's {@code LoggingConfig} as CreateFunction and UpdateFunctionConfiguration set it: members left out keep
 * their value (Text, /aws/lambda/NAME at first); the JSON format brings log levels, INFO unless set, which the Text
 * format does not have, so levels sent with Text are refused rather than kept and never applied.
 */
final class FunctionLogging {

    private static final List<String> FORMATS = List.of("JSON", "Text");

    private FunctionLogging() {
    }

    /** The configuration after {@code requested} is applied to {@code current} (null when creating). */
    static FunctionConfiguration.LoggingConfig resolve(FunctionConfiguration.LoggingConfig requested,
            FunctionConfiguration.LoggingConfig current, String functionName) {
        FunctionConfiguration.LoggingConfig asked = requested == null
                ? new FunctionConfiguration.LoggingConfig(null, null, null, null) : requested;
        String format = pick(asked.logFormat(), current == null ? null : current.logFormat(), "Text");
        enumValue(format, "loggingConfig.logFormat", FORMATS);
        String group = pick(asked.logGroup(), current == null ? null : current.logGroup(),
                "/aws/lambda/" + functionName);
        if (group.isEmpty() || group.length() > 512 || !group.matches("[\\.\\-_/#A-Za-z0-9]+")) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(group, "loggingConfig.logGroup",
                    "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+ and have length between 1 "
                            + "and 512")));
        }
        if ("Text".equals(format)) {
            if (asked.applicationLogLevel() != null || asked.systemLogLevel() != null) {
                throw LambdaErrors.invalidParameter("LoggingConfig.ApplicationLogLevel and SystemLogLevel apply only "
                        + "to LogFormat JSON; set LogFormat to JSON too, or leave the levels out with Text");
            }
            return new FunctionConfiguration.LoggingConfig(format, null, null, group);
        }
        String application = pick(asked.applicationLogLevel(),
                current == null ? null : current.applicationLogLevel(), "INFO");
        String system = pick(asked.systemLogLevel(), current == null ? null : current.systemLogLevel(), "INFO");
        enumValue(application, "loggingConfig.applicationLogLevel", LogSettings.APPLICATION_LEVELS);
        enumValue(system, "loggingConfig.systemLogLevel", LogSettings.SYSTEM_LEVELS);
        return new FunctionConfiguration.LoggingConfig(format, application, system, group);
    }

    /** What the function's environments write by. */
    static LogSettings settings(FunctionConfiguration configuration) {
        FunctionConfiguration.LoggingConfig config = configuration.loggingConfig();
        if (config == null) {
            return LogSettings.text(configuration.functionName());
        }
        return new LogSettings("JSON".equals(config.logFormat()), config.applicationLogLevel(),
                config.systemLogLevel(), config.logGroup());
    }

    private static void enumValue(String value, String member, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(value, member,
                    "Member must satisfy enum value set: " + allowed)));
        }
    }

    private static String pick(String requested, String current, String fallback) {
        return requested != null ? requested : current != null ? current : fallback;
    }
}
