package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A Task state's call of its resource with the history AWS writes for it: {@code LambdaFunction*} events for a
 * function ARN as the resource, {@code Task*} events (with resource type and name) for service integrations such as
 * {@code arn:aws:states:::lambda:invoke}. TimeoutSeconds is measured on the emulator clock.
 */
final class TaskState {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Interpreter interpreter;

    TaskState(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    JsonNode run(JsonNode state, JsonNode input, Branch branch) {
        String resource = state.get("Resource").asText();
        Long timeout = state.has("TimeoutSeconds") ? state.get("TimeoutSeconds").asLong() : null;
        boolean function = resource.startsWith("arn:aws:lambda:");
        String[] service = serviceParts(resource);
        if (function) {
            ObjectNode scheduled = NODES.objectNode().put("resource", resource).put("input", input.toString());
            scheduled.putObject("inputDetails").put("truncated", false);
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout);
            }
            branch.record("LambdaFunctionScheduled", scheduled);
            branch.record("LambdaFunctionStarted", null);
        } else {
            ObjectNode scheduled = named(service).put("region", branch.run().scope().region())
                    .put("parameters", input.toString());
            if (timeout != null) {
                scheduled.put("timeoutInSeconds", timeout);
            }
            branch.record("TaskScheduled", scheduled);
            branch.record("TaskStarted", named(service));
        }
        Instant deadline = timeout == null ? null : interpreter.clock().instant().plusSeconds(timeout);
        JsonNode result;
        try {
            result = interpreter.await(interpreter.workers().submit(() -> interpreter.tasks().invoke(
                    branch.run().scope(), resource, input)), branch, deadline, "Task timed out after " + timeout
                    + " seconds");
        } catch (StatesError error) {
            boolean timedOut = StatesError.TIMEOUT.equals(error.error()) && deadline != null;
            String type = (function ? "LambdaFunction" : "Task") + (timedOut ? "TimedOut" : "Failed");
            ObjectNode details = function ? NODES.objectNode() : named(service);
            details.put("error", error.error()).put("cause", error.cause());
            branch.record(type, details);
            throw error;
        }
        ObjectNode succeeded = function ? NODES.objectNode() : named(service);
        succeeded.put("output", result.toString());
        succeeded.putObject("outputDetails").put("truncated", false);
        branch.record(function ? "LambdaFunctionSucceeded" : "TaskSucceeded", succeeded);
        return result;
    }

    /** {@code arn:aws:states:::dynamodb:putItem} → {@code [dynamodb, putItem]}. */
    private static String[] serviceParts(String resource) {
        String[] parts = resource.split(":", 7);
        if (parts.length >= 7) {
            return new String[] {parts[5], parts[6]};
        }
        return new String[] {parts.length > 2 ? parts[2] : resource, parts[parts.length - 1]};
    }

    private static ObjectNode named(String[] service) {
        return NODES.objectNode().put("resourceType", service[0]).put("resource", service[1]);
    }
}
