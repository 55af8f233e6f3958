package orders;

import java.util.Map;

/** The last step, reached only by a paid order. */
public class Ship {

    public Map<String, Object> handleRequest(Map<String, Object> order) {
        return Map.of("trackingId", "trk-" + order.get("orderId"));
    }
}
