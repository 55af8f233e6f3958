package dev.serverlesslab.graders.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * What one synchronous invocation returned: Lambda's status code, the payload, the function error and the log tail.
 *
 * @param statusCode the Invoke API's HTTP status (200 even when the handler threw, as in Lambda)
 * @param payload the response payload as text: the handler's result, or Lambda's error object
 * @param functionError {@code "Unhandled"} when the handler failed (Lambda's {@code X-Amz-Function-Error}), else {@code null}
 * @param logTail the last 4 KB of the invocation's log (START ... END and REPORT)
 * @param report the invocation's REPORT figures, from the platform's own channel where the backend offers one, or
 *               {@code null} when Lambda wrote none
 * @param requestId the invocation's request id, or {@code null} when the backend did not say
 * @param functionLog what the function itself wrote: the log tail without the platform's lines for this invocation
 */
public record Invocation(int statusCode, String payload, String functionError, String logTail, LambdaReport report,
                         String requestId, String functionLog) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Invocation {
        logTail = logTail == null ? "" : logTail;
        functionLog = functionLog == null ? PlatformLines.functionLog(logTail, requestId, null) : functionLog;
    }

    /** An invocation known only from its log tail: the request id is the REPORT's, platform lines recognised by shape. */
    public Invocation(int statusCode, String payload, String functionError, String logTail, LambdaReport report) {
        this(statusCode, payload, functionError, logTail, report, report == null ? null : report.requestId(), null);
    }

    /** True when the handler returned normally. */
    public boolean succeeded() {
        return functionError == null;
    }

    /**
     * The payload parsed as JSON; a {@link MissingNode} when the payload is not JSON (or too deep or too large for
     * Jackson's limits), so {@code path(...)} chains stay safe and no payload can crash a check.
     */
    public JsonNode json() {
        if (payload == null || payload.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(payload);
            return node == null ? MissingNode.getInstance() : node;
        } catch (Exception e) {
            return MissingNode.getInstance();
        }
    }

    /** The exception type the handler failed with (e.g. {@code java.lang.IllegalArgumentException}), or null. */
    public String errorType() {
        return succeeded() ? null : textField("errorType");
    }

    /** The failure's message as Lambda reports it, or null when the invocation succeeded. */
    public String errorMessage() {
        return succeeded() ? null : textField("errorMessage");
    }

    /**
     * How the invocation failed, in words a check can put in its message: {@code "a timeout (… Task timed out after
     * 3.00 seconds)"} when Lambda ended it, {@code "java.lang.IllegalStateException: boom"} for an exception,
     * the bare message or payload when there is no type, or {@code "no failure"} when it succeeded. Never contains
     * the word {@code null} for a missing part.
     */
    public String failure() {
        if (succeeded()) {
            return "no failure";
        }
        String type = errorType();
        String message = errorMessage();
        if (message != null && message.contains("Task timed out after")) {
            return "a timeout (" + message.strip() + ")";
        }
        if (type == null && message == null) {
            return payload == null || payload.isBlank() ? "an error without a message" : "the error " + payload;
        }
        if (type == null) {
            return message;
        }
        return message == null || message.isBlank() ? type : type + ": " + message;
    }

    private String textField(String name) {
        JsonNode node = json().path(name);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
