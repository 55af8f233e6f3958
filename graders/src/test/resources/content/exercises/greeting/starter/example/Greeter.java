package example;

import java.util.Map;

public class Greeter {
    public Map<String, String> handleRequest(Map<String, String> event) {
        return Map.of("greeting", "hello");
    }
}
