package dev.serverlesslab.emulator.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
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
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        xml.append('<').append(action).append("Response xmlns=\"").append(escape(xmlNamespace)).append("\">");
        if (result != null) {
            xml.append('<').append(action).append("Result>");
            appendMembers(xml, result);
            xml.append("</").append(action).append("Result>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(escape(request.requestId()))
                .append("</RequestId></ResponseMetadata>");
        xml.append("</").append(action).append("Response>");
        return new AwsResponse(200, Map.of("Content-Type", Protocol.QUERY.contentType()),
                xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The error AWS query services answer for an Action they do not have, naming it and what is implemented. */
    public AwsException unknownOperation(String operation, String supported) {
        return new AwsException("InvalidAction", "Serverless Lab's emulator does not implement the action "
                + operation + "; it implements: " + supported, 400);
    }

    private static void appendMembers(StringBuilder xml, Map<String, ?> members) {
        members.forEach((name, value) -> {
            if (value != null) {
                xml.append('<').append(name).append('>');
                appendValue(xml, value);
                xml.append("</").append(name).append('>');
            }
        });
    }

    private static void appendValue(StringBuilder xml, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> members = new LinkedHashMap<>();
            map.forEach((name, member) -> members.put(String.valueOf(name), member));
            appendMembers(xml, members);
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                xml.append("<member>");
                appendValue(xml, item);
                xml.append("</member>");
            }
        } else if (value instanceof Instant instant) {
            xml.append(instant.truncatedTo(ChronoUnit.SECONDS));
        } else {
            xml.append(escape(String.valueOf(value)));
        }
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
