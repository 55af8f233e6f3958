package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.stepfunctions.asl.TaskInvoker;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Task resources the emulator runs: Lambda functions by ARN, and the request-response integrations
 * {@code lambda:invoke}, {@code dynamodb:putItem|getItem|updateItem|deleteItem}, {@code sqs:sendMessage} and
 * {@code sns:publish}. Anything else (activities, {@code .sync} and {@code .waitForTaskToken} patterns, AWS SDK
 * integrations) is refused when the state machine is created.
 */
public final class ServiceTasks implements TaskInvoker {

    private static final Pattern FUNCTION = Pattern.compile(
            "arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9-_.]+(:[a-zA-Z0-9-_$]+)?");
    private static final Pattern INTEGRATION = Pattern.compile("arn:aws[a-zA-Z-]*:states:::([a-z0-9-]+):(.+)");
    private static final String RUNS = "Lambda function ARNs, arn:aws:states:::lambda:invoke, "
            + "arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem, arn:aws:states:::sqs:sendMessage and "
            + "arn:aws:states:::sns:publish";

    private final LambdaTasks lambda;
    private final DynamoDbTasks dynamoDb;
    private final MessageTasks messages;

    public ServiceTasks(LambdaBackend lambda, Function<AwsRequest, AwsResponse> dynamoDb, Targets targets) {
        this.lambda = new LambdaTasks(lambda);
        this.dynamoDb = new DynamoDbTasks(dynamoDb);
        this.messages = new MessageTasks(targets);
    }

    @Override
    public Optional<String> problem(String resource) {
        if (FUNCTION.matcher(resource).matches()) {
            return Optional.empty();
        }
        Matcher integration = INTEGRATION.matcher(resource);
        if (!integration.matches()) {
            return Optional.of("Serverless Lab's emulator cannot run the resource '" + resource + "'; it runs "
                    + RUNS);
        }
        String service = integration.group(1);
        String action = integration.group(2);
        if (action.endsWith(".sync") || action.contains(".sync:") || action.endsWith(".waitForTaskToken")) {
            return Optional.of("Serverless Lab's emulator runs request-response integrations only, not the "
                    + action.substring(action.indexOf('.')) + " pattern of '" + resource + "'");
        }
        boolean known = switch (service) {
            case "lambda" -> action.equals("invoke");
            case "dynamodb" -> DynamoDbTasks.OPERATIONS.containsKey(action);
            case "sqs" -> action.equals("sendMessage");
            case "sns" -> action.equals("publish");
            default -> false;
        };
        return known ? Optional.empty() : Optional.of("Serverless Lab's emulator does not implement the "
                + "integration '" + resource + "'; it runs " + RUNS);
    }

    @Override
    public JsonNode invoke(AccountRegion scope, String resource, JsonNode input) {
        if (FUNCTION.matcher(resource).matches()) {
            return lambda.function(scope, resource, input);
        }
        Matcher integration = INTEGRATION.matcher(resource);
        if (!integration.matches()) {
            throw new IllegalStateException("Resources are checked at create: " + resource);
        }
        return switch (integration.group(1)) {
            case "lambda" -> lambda.invokeIntegration(scope, input);
            case "dynamodb" -> dynamoDb.call(scope, integration.group(2), input);
            case "sqs" -> messages.sendMessage(scope, input);
            default -> messages.publish(scope, input);
        };
    }
}
