package example;

import java.util.Map;

public class Config {

    public Map<String, String> handleRequest(Map<String, String> event) {
        return Map.of("value", "");
    }
}
