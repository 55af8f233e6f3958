package orders;

import java.util.Map;

/** The first step: check the order; throw InvalidOrderException for anything wrong with it. */
public class Validate {

    public Map<String, Object> handleRequest(Map<String, Object> order) {
        // Your turn: orderId, amount (whole cents above 0), items (at least one) and card are required.
        return order;
    }
}
