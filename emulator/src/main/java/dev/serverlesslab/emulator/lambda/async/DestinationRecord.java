package dev.serverlesslab.emulator.lambda.async;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The invocation record Lambda sends to a destination: version, timestamp, requestContext (requestId, functionArn,
 * condition, approximateInvokeCount), requestPayload, and for an invocation that ran, responseContext and
 * responsePayload.
 */
public final class DestinationRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** AWS writes the record's time in UTC with milliseconds, e.g. {@code 2019-11-14T18:16:05.568Z}. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private DestinationRecord() {
    }

    /**
     * @param condition {@code Success}, {@code RetriesExhausted}, {@code EventAgeExceeded} or
     *     {@code ZeroReservedConcurrency}
     * @param response what the last attempt returned, or null when none ran
     * @param functionError {@code Unhandled} when the last attempt failed, else null
     * @param at when the outcome was reached, by the emulator's clock (retries may have moved it on)
     */
    public static byte[] of(String requestId, String functionArn, String condition, int invokeCount,
            byte[] requestPayload, byte[] response, String executedVersion, String functionError, Instant at) {
        ObjectNode record = JSON.createObjectNode();
        record.put("version", "1.0");
        record.put("timestamp", TIMESTAMP.format(at));
        ObjectNode context = record.putObject("requestContext");
        context.put("requestId", requestId);
        context.put("functionArn", functionArn);
        context.put("condition", condition);
        context.put("approximateInvokeCount", invokeCount);
        record.set("requestPayload", payload(requestPayload));
        if (response != null) {
            ObjectNode responseContext = record.putObject("responseContext");
            responseContext.put("statusCode", 200);
            responseContext.put("executedVersion", executedVersion);
            if (functionError != null) {
                responseContext.put("functionError", functionError);
            }
            record.set("responsePayload", payload(response));
        }
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON payload as the JSON it is; anything else as a string. */
    private static JsonNode payload(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && !node.isMissingNode()) {
                return node;
            }
        } catch (IOException e) {
            // Not JSON: carried as text below.
        }
        return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
}
