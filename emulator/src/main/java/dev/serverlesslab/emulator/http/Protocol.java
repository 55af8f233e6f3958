package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.serverlesslab.emulator.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The AWS wire protocols, each with the one place its errors are written the way SDKs parse them.
 */
public enum Protocol {

    /** REST with JSON bodies (Lambda, API Gateway): the code travels in {@code X-Amzn-ErrorType}. */
    REST_JSON("application/json") {
        @Override
        public AwsResponse error(AwsException error) {
            String body = "{\"Type\":\"" + faultType(error, "User", "Service") + "\",\"message\":"
                    + quote(error.getMessage()) + "}";
            return withCode(error, body);
        }
    },

    /** JSON-RPC 1.0 over POST with {@code X-Amz-Target} (DynamoDB). */
    AWS_JSON_1_0("application/x-amz-json-1.0") {
        @Override
        public AwsResponse error(AwsException error) {
            return withCode(error, jsonRpcBody(error));
        }
    },

    /** JSON-RPC 1.1 over POST with {@code X-Amz-Target} (KMS, SSM, CloudWatch Logs). */
    AWS_JSON_1_1("application/x-amz-json-1.1") {
        @Override
        public AwsResponse error(AwsException error) {
            return withCode(error, jsonRpcBody(error));
        }
    },

    /** REST with XML bodies (S3): the error is an {@code <Error>} document at the root, not wrapped. */
    REST_XML("application/xml") {
        @Override
        public AwsResponse error(AwsException error) {
            byte[] body = Xml.document(true, xml -> xml.start("Error")
                    .element("Code", error.code())
                    .element("Message", error.getMessage())
                    .end());
            return new AwsResponse(error.httpStatus(), Map.of("Content-Type", contentType()), body);
        }
    },

    /** Form-encoded query requests with XML answers (IAM, STS). */
    QUERY("text/xml") {
        @Override
        public AwsResponse error(AwsException error) {
            byte[] body = Xml.document(false, xml -> xml.start("ErrorResponse").start("Error")
                    .element("Type", faultType(error, "Sender", "Receiver"))
                    .element("Code", error.code())
                    .element("Message", error.getMessage())
                    .end().end());
            return new AwsResponse(error.httpStatus(), Map.of("Content-Type", contentType()), body);
        }
    };

    private final String contentType;

    Protocol(String contentType) {
        this.contentType = contentType;
    }

    /** The content type of this protocol's bodies. */
    public String contentType() {
        return contentType;
    }

    /** The response an AWS service speaking this protocol sends for the error. */
    public abstract AwsResponse error(AwsException error);

    /**
     * An error for a request no service claimed: both JSON shapes at once ({@code __type} for JSON-RPC clients,
     * the header for REST clients), since the caller's protocol is unknown.
     */
    public static AwsResponse unclaimedError(AwsException error) {
        return AWS_JSON_1_1.withCode(error, jsonRpcBody(error)).withHeader("Content-Type", "application/json");
    }

    /**
     * An error for a request no service claimed, in the shape its client can read: XML for form-encoded query calls
     * (SNS, SQS's old protocol, EC2...) and for S3, whose clients cannot parse JSON; JSON otherwise.
     */
    public static AwsResponse unclaimedError(AwsException error, AwsRequest request) {
        String contentType = request.header("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            return QUERY.error(error);
        }
        boolean s3 = SigV4Scope.of(request).map(scope -> scope.service().equals("s3")).orElse(false);
        if (s3) {
            // S3 clients cannot parse JSON errors.
            return REST_XML.error(error);
        }
        return unclaimedError(error);
    }

    /**
     * The answer to a HEAD no service claimed. A HEAD answer has no body, so a client reads only its status and
     * headers, and a bodiless 404 reads as a missing resource (the SDK v2's S3 client makes it NoSuchKey, botocore
     * "(404) Not Found"): so 501 Not Implemented, which the SDKs do not retry, with the code and message in the
     * headers REST-JSON clients read ({@code X-Amzn-ErrorType}) and S3's HEAD errors use ({@code x-amz-error-code},
     * {@code x-amz-error-message}).
     */
    public static AwsResponse unclaimedHead(AwsException error) {
        String message = error.getMessage().replaceAll("[^\\x20-\\x7e]", "?");
        return new AwsResponse(error.httpStatus(), Map.of("Content-Type", "application/json",
                "X-Amzn-ErrorType", error.code(), "x-amz-error-code", error.code(), "x-amz-error-message", message),
                new byte[0]);
    }

    AwsResponse withCode(AwsException error, String body) {
        return new AwsResponse(error.httpStatus(),
                Map.of("Content-Type", contentType, "X-Amzn-ErrorType", error.code()),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonRpcBody(AwsException error) {
        return "{\"__type\":" + quote(error.code()) + ",\"message\":" + quote(error.getMessage()) + "}";
    }

    private static String faultType(AwsException error, String caller, String service) {
        return error.isServerFault() ? service : caller;
    }

    private static String quote(String text) {
        String safe = text == null ? "" : text;
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(safe)) + "\"";
    }
}
