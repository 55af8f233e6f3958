package orders;

import java.util.Map;

/** The last step: answer {"trackingId": "trk-<orderId>"}. */
public class Ship {

    public Map<String, Object> handleRequest(Map<String, Object> order) {
        // Your turn: answer {"trackingId": "trk-<orderId>"}.
        return Map.of();
    }
}
