package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.lambda.InvocationType;
import dev.serverlesslab.emulator.lambda.InvokeRequest;
import dev.serverlesslab.emulator.lambda.InvokeResponse;
import dev.serverlesslab.emulator.lambda.LambdaBackend;
import dev.serverlesslab.emulator.stepfunctions.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Set;

/**
 * Lambda tasks, invoked in-process and synchronously: a function ARN as the resource (the input is the event, the
 * function's answer the result) and {@code arn:aws:states:::lambda:invoke} (Parameters name the function and
 * payload; the result is Invoke's answer). A function error becomes the error the function threw (its
 * {@code errorType}) with the error document as cause, and a Lambda API error {@code Lambda.<Code>}, as on AWS.
 */
final class LambdaTasks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PARAMETERS = Set.of("FunctionName", "Payload", "Qualifier", "InvocationType",
            "ClientContext", "LogType");

    private final LambdaBackend lambda;

    LambdaTasks(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    /** A function ARN as the Task's resource: the function's response is the result. */
    JsonNode function(AccountRegion scope, String functionArn, JsonNode input) {
        InvokeResponse response = invoke(scope, functionArn, null, InvocationType.RequestResponse, bytes(input),
                null);
        return payload(response.payload());
    }

    /** {@code arn:aws:states:::lambda:invoke}: Invoke with the Parameters, answering Invoke's response. */
    JsonNode invokeIntegration(AccountRegion scope, JsonNode parameters) {
        for (Iterator<String> names = parameters.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!PARAMETERS.contains(name)) {
                throw new StatesError(StatesError.RUNTIME, "The lambda:invoke parameter '" + name + "' is not "
                        + "supported by Serverless Lab's emulator; it takes " + String.join(", ",
                                PARAMETERS.stream().sorted().toList()));
            }
        }
        if (!parameters.path("FunctionName").isTextual()) {
            throw new StatesError(StatesError.RUNTIME, "The lambda:invoke parameter 'FunctionName' is required");
        }
        InvocationType type;
        try {
            type = InvocationType.valueOf(parameters.path("InvocationType").asText("RequestResponse"));
        } catch (IllegalArgumentException e) {
            throw new StatesError("Lambda.InvalidParameterValueException", "InvocationType must be RequestResponse, "
                    + "Event or DryRun");
        }
        JsonNode payload = parameters.get("Payload");
        byte[] body = payload == null ? "{}".getBytes(StandardCharsets.UTF_8) : bytes(payload);
        InvokeResponse response = invoke(scope, parameters.get("FunctionName").asText(),
                parameters.path("Qualifier").asText(null), type, body, parameters.path("ClientContext").asText(null));
        ObjectNode result = JSON.createObjectNode();
        if (response.executedVersion() != null) {
            result.put("ExecutedVersion", response.executedVersion());
        }
        if ("Tail".equals(parameters.path("LogType").asText()) && response.log() != null) {
            result.put("LogResult", Base64.getEncoder().encodeToString(response.log().getBytes(
                    StandardCharsets.UTF_8)));
        }
        result.set("Payload", response.payload().length == 0 ? JSON.getNodeFactory().textNode("")
                : payload(response.payload()));
        ObjectNode http = result.putObject("SdkHttpMetadata");
        ObjectNode headers = http.putObject("HttpHeaders").put("x-amzn-RequestId", response.requestId());
        if (response.executedVersion() != null) {
            headers.put("X-Amz-Executed-Version", response.executedVersion());
        }
        http.put("HttpStatusCode", response.statusCode());
        result.putObject("SdkResponseMetadata").put("RequestId", response.requestId());
        result.put("StatusCode", response.statusCode());
        return result;
    }

    private InvokeResponse invoke(AccountRegion scope, String function, String qualifier, InvocationType type,
            byte[] payload, String clientContext) {
        AccountRegion target = function.startsWith("arn:") ? Arns.scope(function) : scope;
        InvokeResponse response;
        try {
            response = lambda.invoke(target, new InvokeRequest(function, qualifier, type, payload, clientContext));
        } catch (AwsException e) {
            throw new StatesError("Lambda." + e.code(), e.getMessage());
        }
        if (response.functionError() != null) {
            String cause = new String(response.payload(), StandardCharsets.UTF_8);
            String error = "Lambda.Unknown";
            try {
                JsonNode document = JSON.readTree(response.payload());
                if (document != null && document.path("errorType").isTextual()) {
                    error = document.get("errorType").asText();
                }
            } catch (java.io.IOException e) {
                // Not a JSON error document: Lambda.Unknown, with the raw answer as cause.
            }
            throw new StatesError(error, cause);
        }
        return response;
    }

    private static byte[] bytes(JsonNode input) {
        return input.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode payload(byte[] payload) {
        if (payload.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Reading bytes held in memory", e);
        }
    }
}
