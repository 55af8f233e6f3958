package example;

import java.util.Map;

// Reads the method and path from either proxy payload: 2.0 (HTTP API) or 1.0 (REST API).
public class PathEcho {
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event) {
        Object rawPath = event.get("rawPath");
        String path = String.valueOf(rawPath != null ? rawPath : event.get("path"));
        Object http = event.get("requestContext") instanceof Map<?, ?> context
                ? ((Map<String, Object>) context).get("http") : null;
        String method = String.valueOf(http instanceof Map<?, ?> h ? h.get("method") : event.get("httpMethod"));
        String body = "{\"method\":\"" + method + "\",\"path\":\"" + path + "\",\"apiUrl\":\""
                + System.getenv("API_URL") + "\"}";
        return Map.of("statusCode", 200, "headers", Map.of("Content-Type", "application/json"), "body", body);
    }
}
