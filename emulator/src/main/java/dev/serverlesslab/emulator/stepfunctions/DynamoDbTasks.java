package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The DynamoDB item integrations ({@code arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem}): the
 * Parameters are the API request, sent in-process to the emulator's DynamoDB in the execution's account and region;
 * the result is DynamoDB's answer with AWS's {@code SdkHttpMetadata} and {@code SdkResponseMetadata}, and an error
 * {@code DynamoDB.<Code>} (e.g. {@code DynamoDB.ConditionalCheckFailedException}) whose cause names the service, status
 * and code in brackets, as on AWS.
 */
final class DynamoDbTasks {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> OPERATIONS = Map.of("putItem", "PutItem", "getItem", "GetItem",
            "updateItem", "UpdateItem", "deleteItem", "DeleteItem");

    /** The service name the AWS SDK for Java v1, which Step Functions runs on, puts in its error causes. */
    private static final String SERVICE = "AmazonDynamoDBv2";

    private final Function<AwsRequest, AwsResponse> dynamoDb;

    DynamoDbTasks(Function<AwsRequest, AwsResponse> dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    JsonNode call(AccountRegion scope, String action, JsonNode parameters) {
        String operation = OPERATIONS.get(action);
        String date = DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(ZoneOffset.UTC));
        // DynamoDB Local picks the database by the key and region in the credential scope; it checks no signature.
        Map<String, List<String>> headers = Map.of(
                "X-Amz-Target", List.of("DynamoDB_20120810." + operation),
                "Content-Type", List.of("application/x-amz-json-1.0"),
                "Authorization", List.of("AWS4-HMAC-SHA256 Credential=" + scope.accountId() + "/" + date + "/"
                        + scope.region() + "/dynamodb/aws4_request, SignedHeaders=host, Signature=0"));
        AwsResponse response;
        String requestId = UUID.randomUUID().toString();
        try {
            response = dynamoDb.apply(new AwsRequest(requestId, "POST", "/", null, headers,
                    JSON.writeValueAsBytes(parameters), scope));
        } catch (dev.serverlesslab.emulator.core.AwsException e) {
            throw new StatesError("DynamoDB." + e.code(), SdkMetadata.cause(e.getMessage(), SERVICE, e.httpStatus(),
                    e.code(), requestId));
        } catch (IOException e) {
            throw new IllegalStateException("Writing JSON held in memory", e);
        }
        JsonNode answer;
        try {
            answer = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new StatesError("DynamoDB.InternalServerError", "DynamoDB answered " + operation
                    + " with something that is not JSON");
        }
        if (response.status() != 200) {
            String type = answer.path("__type").asText("");
            String code = type.substring(type.indexOf('#') + 1);
            code = code.isEmpty() ? "InternalServerError" : code;
            throw new StatesError("DynamoDB." + code, SdkMetadata.cause(answer.path("message").asText(
                    answer.path("Message").asText(operation + " failed")), SERVICE, response.status(), code,
                    requestId));
        }
        if (!answer.isObject()) {
            throw new StatesError("DynamoDB.InternalServerError", "DynamoDB answered " + operation
                    + " with JSON that is not an object");
        }
        return SdkMetadata.add((ObjectNode) answer, requestId, "application/x-amz-json-1.0");
    }
}
