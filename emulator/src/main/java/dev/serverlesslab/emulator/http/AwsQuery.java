package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The AWS query protocol (IAM, STS, SNS, SQS): form-encoded parameters with the operation in {@code Action}, and
 * answers as {@code <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata>} XML.
 */
public final class AwsQuery {

    private final String xmlNamespace;

    /** @param xmlNamespace the service's document namespace, e.g. {@code https://iam.amazonaws.com/doc/2010-05-08/} */
    public AwsQuery(String xmlNamespace) {
        this.xmlNamespace = xmlNamespace;
    }

    /** The parameters of the URL query and the form body together; the body wins when both name one. */
    public Map<String, String> parameters(AwsRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>(request.queryParameters());
        String contentType = request.header("Content-Type");
        if (request.body().length > 0 && (contentType == null
                || contentType.toLowerCase().startsWith("application/x-www-form-urlencoded"))) {
            AwsRequest.parseQuery(new String(request.body(), StandardCharsets.UTF_8))
                    .forEach((name, values) -> parameters.put(name, values.get(0)));
        }
        return parameters;
    }

    /** The operation named by {@code Action}, e.g. {@code CreateRole}. */
    public String operation(Map<String, String> parameters) {
        String action = parameters.get("Action");
        if (action == null || action.isEmpty()) {
            // What AWS answers when the Action parameter is left out; SDKs always send it.
            throw new AwsException("MissingAction", "The request has no Action parameter; send Action=<Operation> "
                    + "in the form-encoded body", 400);
        }
        return action;
    }

    /**
     * A 200 answer wrapping the result in {@code <ActionResponse><ActionResult>}. Values may be strings, numbers,
     * booleans, {@link Instant}s (ISO 8601), nested maps (elements) or lists (one {@code <member>} per item);
     * null values are left out.
     */
    public AwsResponse ok(AwsRequest request, String action, Map<String, ?> result) {
        byte[] body = Xml.document(true, xml -> {
            xml.start(action + "Response", xmlNamespace);
            if (result != null) {
                xml.start(action + "Result").members(result).end();
            }
            xml.start("ResponseMetadata").element("RequestId", request.requestId()).end();
            xml.end();
        });
        return new AwsResponse(200, Map.of("Content-Type", Protocol.QUERY.contentType()), body);
    }
}
