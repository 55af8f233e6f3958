package dev.serverlesslab.emulator.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test Lambda authorizer (TOKEN or REQUEST): the token, or the {@code user} query parameter, decides. {@code allow}
 * and {@code ann} get an Allow on the method ARN with a context, {@code deny} an explicit Deny, {@code elsewhere} an
 * Allow on another API only, {@code reject} throws {@code Unauthorized}, {@code broken} answers no policy.
 */
public class PolicyAuthorizer implements RequestStreamHandler {

    private static final Pattern TOKEN = Pattern.compile("\"authorizationToken\":\"([^\"]*)\"");
    private static final Pattern USER = Pattern.compile("\"queryStringParameters\":\\{[^}]*\"user\":\"([^\"]*)\"");
    private static final Pattern METHOD_ARN = Pattern.compile("\"methodArn\":\"([^\"]*)\"");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        Matcher token = TOKEN.matcher(event);
        Matcher user = USER.matcher(event);
        String who = token.find() ? token.group(1) : user.find() ? user.group(1) : "";
        Matcher arn = METHOD_ARN.matcher(event);
        String methodArn = arn.find() ? arn.group(1) : "";
        String answer = switch (who) {
            case "allow", "ann" -> policy("Allow", methodArn, ",\"context\":{\"user\":\"" + who
                    + "\",\"level\":7,\"admin\":false}");
            case "deny" -> policy("Deny", methodArn, "");
            case "elsewhere" -> policy("Allow", "arn:aws:execute-api:us-east-1:000000000000:other/*", "");
            case "wildcard" -> policy("Allow", methodArn.substring(0, methodArn.indexOf('/')) + "/*/GET/*", "");
            case "broken" -> "{\"principalId\":\"x\"}";
            default -> throw new RuntimeException("Unauthorized");
        };
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String policy(String effect, String resource, String context) {
        return "{\"principalId\":\"user-1\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{"
                + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"" + effect + "\",\"Resource\":\"" + resource
                + "\"}]}" + context + "}";
    }
}
