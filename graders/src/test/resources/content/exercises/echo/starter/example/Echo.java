package example;

import java.util.Map;

public class Echo {
    public Map<String, String> handleRequest(Map<String, String> event) {
        return Map.of();
    }
}
