package dev.serverlesslab.emulator.lambda;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as the API lets callers name it: a name, a partial ARN ({@code 000000000000:function:name}) or a full
 * ARN, each optionally with a {@code :qualifier}.
 */
public record FunctionRef(String name, String qualifier) {

    /** The model's pattern for FunctionName, quoted in validation errors. */
    static final String MODEL_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?"
            + "([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";

    private static final Pattern PATTERN = Pattern.compile("(?:arn:aws[a-zA-Z-]*:lambda:)?"
            + "(?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d:)?"
            + "(?:\\d{12}:)?"
            + "(?:function:)?"
            + "(?<name>[a-zA-Z0-9-_.]+)"
            + "(?::(?<qualifier>\\$LATEST|[a-zA-Z0-9-_]+))?");

    /** Parses the path's FunctionName; an explicit {@code Qualifier} parameter wins over one in the name. */
    public static FunctionRef parse(String nameOrArn, String qualifierParameter) {
        Matcher matcher = nameOrArn == null ? null : PATTERN.matcher(nameOrArn);
        if (matcher == null || !matcher.matches() || nameOrArn.length() > 256) {
            throw LambdaErrors.validation(List.of(LambdaErrors.violation(nameOrArn, "functionName",
                    "Member must satisfy regular expression pattern: " + MODEL_PATTERN)));
        }
        String qualifier = qualifierParameter != null ? qualifierParameter : matcher.group("qualifier");
        return new FunctionRef(matcher.group("name"), qualifier);
    }

    /** True for the only version the emulator has. */
    public boolean latest() {
        return qualifier == null || "$LATEST".equals(qualifier);
    }

    /** The ARN as Lambda spells it in "Function not found" messages. */
    String arn(String region, String accountId) {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name
                + (qualifier == null ? "" : ":" + qualifier);
    }
}
