package dev.serverlesslab.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.ArrayList;
import java.util.List;

/**
 * One member of an Update* request's {@code patchOperations}: {@code op} on a JSON-pointer {@code path}, where
 * {@code ~1} stands for {@code /} and {@code ~0} for {@code ~} (so {@code /binaryMediaTypes/image~1png}).
 */
record PatchOperation(String op, String path, String value) {

    static List<PatchOperation> read(ApiGatewayRequest in) {
        List<PatchOperation> operations = new ArrayList<>();
        for (JsonNode node : in.objects("patchOperations", "a list of {op, path, value} objects")) {
            String op = node.path("op").asText(null);
            String path = node.path("path").asText(null);
            if (op == null || path == null) {
                throw ApiGatewayErrors.badRequest("Each patch operation needs op and path");
            }
            operations.add(new PatchOperation(op, path, node.hasNonNull("value") ? node.get("value").asText()
                    : null));
        }
        return operations;
    }

    /** The path's segment after {@code prefix}, unescaped, or null when the path is not below it. */
    String below(String prefix) {
        if (!path.startsWith(prefix + "/") || path.length() == prefix.length() + 1) {
            return null;
        }
        return path.substring(prefix.length() + 1).replace("~1", "/").replace("~0", "~");
    }

    /** The value, required for add and replace. */
    String requiredValue() {
        if (value == null) {
            throw ApiGatewayErrors.badRequest("Patch operation " + op + " " + path + " needs a value");
        }
        return value;
    }

    /** AWS's refusal of a path or op the resource does not have, naming what this emulator changes. */
    AwsException invalid(String served) {
        return ApiGatewayErrors.badRequest("Invalid patch path " + path + " (op " + op + "); this emulator "
                + "patches " + served);
    }
}
