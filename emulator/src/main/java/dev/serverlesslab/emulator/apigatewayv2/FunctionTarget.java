package dev.serverlesslab.emulator.apigatewayv2;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda function an integration calls, read from its integrationUri: a function ARN, or the
 * {@code arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{function ARN}/invocations} form that REST APIs
 * use and HTTP APIs accept too.
 *
 * @param functionArn the function's ARN, possibly with a {@code :qualifier}
 */
record FunctionTarget(String functionArn, String region, String accountId) {

    private static final Pattern FUNCTION_ARN =
            Pattern.compile("arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\\d{12}):function:[A-Za-z0-9_.:$-]+");
    private static final Pattern APIGATEWAY_FORM = Pattern.compile(
            "arn:aws[a-zA-Z-]*:apigateway:[a-z0-9-]+:lambda:path/[0-9-]+/functions/(.+)/invocations");

    static FunctionTarget parse(String integrationUri) {
        return parse(integrationUri, "integrationUri");
    }

    /** @param field the request member the URI came from, for the error: integrationUri, or target in quick create */
    static FunctionTarget parse(String integrationUri, String field) {
        if (integrationUri == null) {
            throw ApiGatewayV2Errors.badRequest(field + " is required for an AWS_PROXY integration: give the "
                    + "Lambda function's ARN, e.g. arn:aws:lambda:us-east-1:000000000000:function:my-function");
        }
        Matcher wrapped = APIGATEWAY_FORM.matcher(integrationUri);
        String arn = wrapped.matches() ? wrapped.group(1) : integrationUri;
        Matcher function = FUNCTION_ARN.matcher(arn);
        if (!function.matches()) {
            throw ApiGatewayV2Errors.badRequest(field + " '" + integrationUri + "' is not a Lambda function "
                    + "ARN; use arn:aws:lambda:{region}:{account}:function:{name} or the "
                    + "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations form");
        }
        return new FunctionTarget(arn, function.group(1), function.group(2));
    }
}
