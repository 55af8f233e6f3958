package example;

import java.util.Map;

public class PathEcho {
    public Map<String, Object> handleRequest(Map<String, Object> event) {
        return Map.of("statusCode", 500, "body", "not yet");
    }
}
