package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda function an {@code AWS_PROXY} integration calls, for REST APIs (v1) and HTTP APIs (v2) alike: read from
 * the URI {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations}, or, as HTTP
 * APIs also accept, from the function's ARN itself.
 *
 * @param scope the function's account and region, taken from its ARN
 * @param functionArn the ARN, possibly with a {@code :qualifier}
 */
public record FunctionTarget(AccountRegion scope, String functionArn) {

    private static final Pattern URI = Pattern.compile(
            "^arn:aws[a-zA-Z-]*:apigateway:([a-z0-9-]+):lambda:path/2015-03-31/functions/(.+)/invocations$");
    private static final Pattern FUNCTION_ARN =
            Pattern.compile("^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:[A-Za-z0-9-_.]+(:[^:/]+)?$");
    private static final String EXAMPLE = "arn:aws:lambda:us-east-1:000000000000:function:my-function";

    /** The function a Lambda integration URI names, or empty when the URI is not one. */
    public static Optional<FunctionTarget> fromUri(String uri) {
        Matcher matcher = uri == null ? null : URI.matcher(uri);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        return fromFunctionArn(matcher.group(2));
    }

    /** The function an HTTP API's integrationUri names: its ARN, or the URI form REST APIs use. */
    public static Optional<FunctionTarget> fromArnOrUri(String uriOrArn) {
        if (uriOrArn == null) {
            return Optional.empty();
        }
        return fromUri(uriOrArn).or(() -> fromFunctionArn(uriOrArn));
    }

    /**
     * {@link #fromArnOrUri}, or the BadRequestException API Gateway answers, naming the request member it came from.
     *
     * @param field the member, for the message: {@code integrationUri}, or {@code target} in quick create
     */
    public static FunctionTarget require(String uriOrArn, String field) {
        if (uriOrArn == null) {
            throw ApiGatewayErrors.badRequest(field + " is required for an AWS_PROXY integration: give the Lambda "
                    + "function's ARN, e.g. " + EXAMPLE);
        }
        return fromArnOrUri(uriOrArn).orElseThrow(() -> ApiGatewayErrors.badRequest(field + " '" + uriOrArn
                + "' is not a Lambda function ARN; use arn:aws:lambda:{region}:{account}:function:{name} or the "
                + "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations form"));
    }

    private static Optional<FunctionTarget> fromFunctionArn(String functionArn) {
        Matcher arn = FUNCTION_ARN.matcher(functionArn);
        if (!arn.matches()) {
            return Optional.empty();
        }
        return Optional.of(new FunctionTarget(new AccountRegion(arn.group(2), arn.group(1)), functionArn));
    }

    /** The integration URI that calls the function, as the console and CDK write it. */
    public static String integrationUri(String region, String functionArn) {
        return "arn:aws:apigateway:" + region + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
    }
}
