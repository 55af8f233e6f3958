package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The metadata AWS's request-response integrations add to a service's answer: {@code SdkHttpMetadata} (the HTTP
 * headers and status the service answered with) and {@code SdkResponseMetadata} (its request id), so a ResultSelector
 * written for AWS, e.g. {@code "status.$": "$.SdkHttpMetadata.HttpStatusCode"}, finds them here too.
 */
final class SdkMetadata {

    private SdkMetadata() {
    }

    /** Adds both members to {@code result} for a 200 answer of {@code contentType}; returns {@code result}. */
    static ObjectNode add(ObjectNode result, String requestId, String contentType) {
        ObjectNode http = result.putObject("SdkHttpMetadata");
        http.putObject("HttpHeaders").put("Content-Type", contentType).put("x-amzn-RequestId", requestId);
        http.put("HttpStatusCode", 200);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
        return result;
    }

    /** The cause AWS's integrations give a service error: the message, then the service's answer in brackets. */
    static String cause(String message, String service, int status, String code, String requestId) {
        return message + " (Service: " + service + "; Status Code: " + status + "; Error Code: " + code
                + "; Request ID: " + requestId + "; Proxy: null)";
    }
}
