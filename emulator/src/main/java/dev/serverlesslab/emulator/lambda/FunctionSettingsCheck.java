package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * No silent drops: a CreateFunction or UpdateFunctionConfiguration setting the emulator cannot honour is refused
 * with InvalidParameterValueException naming the member, never accepted and then shown as its default. What is
 * honoured (Architectures, TracingConfig, LoggingConfig, DeadLetterConfig, EphemeralStorage, Environment, Layers) is read
 * by the typed request; this looks at the raw body only for what is not.
 */
final class FunctionSettingsCheck {

    private FunctionSettingsCheck() {
    }

    /** Checks a CreateFunction or UpdateFunctionConfiguration body of the function {@code functionName}. */
    static void refuseUnemulated(JsonNode body, String functionName) {
        if (body == null || !body.isObject()) {
            return;
        }
        JsonNode vpc = body.path("VpcConfig");
        if (nonEmpty(vpc.path("SubnetIds")) || nonEmpty(vpc.path("SecurityGroupIds"))) {
            throw refused("VpcConfig", "functions here reach only the emulator's own endpoint, never a VPC; leave "
                    + "SubnetIds and SecurityGroupIds empty");
        }
        if (text(body, "KMSKeyArn") != null) {
            throw refused("KMSKeyArn", "environment variables are not encrypted with a customer managed key here; "
                    + "leave KMSKeyArn out (Lambda then uses its own key)");
        }
        if (nonEmpty(body.path("FileSystemConfigs"))) {
            throw refused("FileSystemConfigs", "Amazon EFS is not emulated");
        }
        if (body.hasNonNull("ImageConfig")) {
            throw refused("ImageConfig", "only Zip packages run here, so there is no container image to configure");
        }
        if (text(body, "CodeSigningConfigArn") != null) {
            throw refused("CodeSigningConfigArn", "code signing is not emulated");
        }
        String applyOn = text(body.path("SnapStart"), "ApplyOn");
        if (applyOn != null && !"None".equals(applyOn)) {
            throw refused("SnapStart.ApplyOn", "SnapStart snapshots are not emulated; every version starts its JVM "
                    + "afresh (got ApplyOn " + applyOn + ", only None is accepted)");
        }
    }

    private static boolean nonEmpty(JsonNode node) {
        return node.isArray() && !node.isEmpty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static RuntimeException refused(String member, String why) {
        return LambdaErrors.invalidParameter(member + " is not supported by Serverless Lab's emulator: " + why + ".");
    }
}
