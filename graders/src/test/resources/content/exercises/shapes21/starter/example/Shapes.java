package example;

import java.util.Map;

public class Shapes {

    public Map<String, Object> handleRequest(Map<String, Object> event) {
        // Your turn: answer {"area": ...} for {"kind": "circle" or "square", "size": ...}; this starter always says 0.
        return Map.of("area", 0);
    }
}
