package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The state machine settings the emulator does not honour (logging to CloudWatch, X-Ray tracing, customer-managed
 * keys, versions): refused when asked for, and reported with their off values, so nothing is accepted and ignored.
 */
final class StateMachineSettings {

    private StateMachineSettings() {
    }

    static void refuseUnsupported(JsonNode in) {
        JsonNode logging = in.path("loggingConfiguration");
        if (!logging.isMissingNode() && !logging.isNull() && (!"OFF".equals(logging.path("level").asText("OFF"))
                || logging.path("includeExecutionData").asBoolean(false) || logging.has("destinations")
                        && !logging.get("destinations").isEmpty())) {
            throw refused("loggingConfiguration", "execution logs to CloudWatch Logs; leave it out or set level OFF");
        }
        if (in.path("tracingConfiguration").path("enabled").asBoolean(false)) {
            throw refused("tracingConfiguration", "X-Ray tracing; leave it out or set enabled false");
        }
        if (in.path("publish").asBoolean(false) || in.hasNonNull("versionDescription")) {
            throw refused("publish", "state machine versions; leave out publish and versionDescription");
        }
        JsonNode encryption = in.path("encryptionConfiguration");
        if (!encryption.isMissingNode() && !encryption.isNull()
                && !"AWS_OWNED_KEY".equals(encryption.path("type").asText())) {
            throw refused("encryptionConfiguration", "customer-managed KMS keys; leave it out or use AWS_OWNED_KEY");
        }
    }

    /** How DescribeStateMachine reports the settings that are always off here. */
    static Map<String, Object> defaults() {
        return Map.of("loggingConfiguration", Map.of("level", "OFF", "includeExecutionData", false),
                "tracingConfiguration", Map.of("enabled", false));
    }

    private static RuntimeException refused(String field, String what) {
        return StepFunctionsErrors.validation("Serverless Lab's emulator does not support " + field + " (" + what
                + ")");
    }
}
