package orders;

import java.util.Map;

/** The last step: answer {"trackingId": "trk-<orderId>"}. */
public class Ship {

    public Map<String, Object> handleRequest(Map<String, Object> order) {
        // TODO
        return Map.of();
    }
}
