package dev.serverlesslab.emulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * A queue's {@code RedrivePolicy}: after {@code maxReceiveCount} receives a message that was not deleted moves to
 * the dead-letter queue {@code deadLetterTargetArn} instead of being received again.
 */
record RedrivePolicy(String deadLetterTargetArn, int maxReceiveCount) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the JSON document AWS takes, where maxReceiveCount may be a number or a string of one. */
    static RedrivePolicy parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("it is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("it must be a JSON object");
        }
        String arn = node.path("deadLetterTargetArn").asText("");
        if (!arn.startsWith("arn:") || arn.split(":").length != 6) {
            throw invalid("deadLetterTargetArn must be the ARN of a queue (arn:aws:sqs:REGION:ACCOUNT:NAME)");
        }
        JsonNode count = node.path("maxReceiveCount");
        int max;
        try {
            max = count.isNumber() ? count.intValue() : Integer.parseInt(count.asText(""));
        } catch (NumberFormatException e) {
            throw invalid("maxReceiveCount must be a number between 1 and 1000");
        }
        if (max < 1 || max > 1000) {
            throw invalid("maxReceiveCount must be between 1 and 1000, not " + max);
        }
        return new RedrivePolicy(arn, max);
    }

    String toJson() {
        return JSON.createObjectNode().put("deadLetterTargetArn", deadLetterTargetArn)
                .put("maxReceiveCount", maxReceiveCount).toString();
    }

    private static RuntimeException invalid(String reason) {
        return SqsErrors.invalidParameter("Value for parameter RedrivePolicy is invalid. Reason: " + reason + ".");
    }
}
