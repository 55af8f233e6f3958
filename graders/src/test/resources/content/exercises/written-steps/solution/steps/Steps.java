package steps;

import java.util.Map;

public class Steps {

    public Map<String, Object> doubled(Map<String, Object> event) {
        int n = ((Number) event.get("n")).intValue();
        return Map.of("n", n * 2, "step", System.getenv("STEP"));
    }

    public Map<String, Object> labelled(Map<String, Object> event) {
        return Map.of("label", "n=" + event.get("n"), "step", System.getenv("STEP"));
    }
}
