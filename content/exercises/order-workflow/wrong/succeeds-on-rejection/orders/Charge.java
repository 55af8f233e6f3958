package orders;

import java.util.Map;

/**
 * The second step. A busy gateway is worth trying again, so it is a PaymentGatewayBusyException, which the state
 * machine retries; a declined card will be declined again, so it is a CardDeclinedException, which it catches.
 */
public class Charge {

    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> input) {
        Map<String, Object> order = (Map<String, Object>) input.get("order");
        int attempt = ((Number) input.get("attempt")).intValue();
        // The simulated gateway is busy for the order's first busyAttempts attempts.
        int busy = order.get("busyAttempts") instanceof Number n ? n.intValue() : 0;
        if (attempt < busy) {
            throw new PaymentGatewayBusyException("the payment gateway is busy (attempt " + attempt + ")");
        }
        String card = (String) order.get("card");
        if (card.endsWith("0000")) {
            throw new CardDeclinedException("card ending " + card.substring(card.length() - 4) + " was declined");
        }
        return Map.of("chargeId", "ch-" + order.get("orderId"), "amount", order.get("amount"));
    }
}
