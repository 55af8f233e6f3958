package orders;

import java.util.Map;

/** The second step: charge the card; receives {"order": {...}, "attempt": n}. */
public class Charge {

    public Map<String, Object> handleRequest(Map<String, Object> input) {
        // Your turn: a busy gateway and a declined card are different failures: throw the exception for each.
        throw new RuntimeException("charging is not written yet");
    }
}
