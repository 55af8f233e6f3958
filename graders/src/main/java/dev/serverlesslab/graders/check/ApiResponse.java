package dev.serverlesslab.graders.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * One HTTP answer of the exercise's API, as {@link ApiClient} received it.
 *
 * @param headers every header with all its values, names as the server sent them
 */
public record ApiResponse(int status, Map<String, List<String>> headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN_BODY = 300;

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /** The first value of the header, matched ignoring case as HTTP does; null when the answer has no such header. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .findFirst()
                .orElse(null);
    }

    /**
     * The body parsed as JSON.
     *
     * @throws IllegalStateException naming the status and showing the body when it is not JSON
     */
    public JsonNode json() {
        try {
            return JSON.readTree(body.isEmpty() ? "null" : body);
        } catch (JsonProcessingException e) {
            String shown = body.length() > SHOWN_BODY ? body.substring(0, SHOWN_BODY) + "…" : body;
            throw new IllegalStateException("the API answered " + status + " with a body that is not JSON ("
                    + e.getOriginalMessage() + "): " + shown, e);
        }
    }
}
