package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda function an {@code AWS_PROXY} integration calls, read from its URI
 * {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations}.
 *
 * @param scope the function's account and region, taken from its ARN
 * @param functionArn the ARN, possibly with a {@code :qualifier}
 */
public record FunctionTarget(AccountRegion scope, String functionArn) {

    private static final Pattern URI = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:apigateway:([a-z0-9-]+):lambda:path/2015-03-31/functions/(.+)/invocations$");
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:[A-Za-z0-9-_.]+(:[^:/]+)?$");

    /** The function a Lambda integration URI names, or empty when the URI is not one. */
    public static Optional<FunctionTarget> fromUri(String uri) {
        Matcher matcher = uri == null ? null : URI.matcher(uri);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        Matcher arn = FUNCTION_ARN.matcher(matcher.group(2));
        if (!arn.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionTarget(new AccountRegion(arn.group(2), arn.group(1)), matcher.group(2)));
    }

    /** The integration URI that calls the function, as the console and CDK write it. */
    public static String integrationUri(String region, String functionArn) {
        return "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }
}
