package orders;

import java.util.List;
import java.util.Map;

/** The first step: an order the later steps can trust, or an InvalidOrderException the state machine catches. */
public class Validate {

    public Map<String, Object> handleRequest(Map<String, Object> order) {
        Object orderId = order.get("orderId");
        if (!(orderId instanceof String id) || id.isBlank()) {
            throw new InvalidOrderException("orderId is required");
        }
        Object amount = order.get("amount");
        if (!(amount instanceof Integer || amount instanceof Long) || ((Number) amount).longValue() <= 0) {
            throw new InvalidOrderException("amount must be a whole number of cents above 0, got " + amount);
        }
        if (!(order.get("items") instanceof List<?> items) || items.isEmpty()) {
            throw new InvalidOrderException("items must list at least one item");
        }
        if (!(order.get("card") instanceof String card) || card.isBlank()) {
            throw new InvalidOrderException("card is required");
        }
        return order;
    }
}
