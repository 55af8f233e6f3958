package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.check.Execution;
import dev.serverlesslab.graders.check.ExecutionHistory;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.StateMachines;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every check runs executions of the learner's state machine (their order.asl.json) with an order of random id,
 * amount and card, and reads how the execution ended, which states it went through (its history) and how often each
 * function ran: the Retry and Catch the learner writes only work when their functions throw the right exception at
 * the right time.
 */
class OrderWorkflowChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration FINISH = Duration.ofSeconds(30);

    @Test
    @DisplayName("a valid order is charged once and shipped")
    void shipsAValidOrder(Functions functions, StateMachines machines) throws IOException {
        ObjectNode order = order(goodCard());
        int charges = functions.get("charge").invocationCount();

        Execution execution = run(machines, order);

        assertTrue(execution.succeeded(), execution::describe);
        assertEquals(List.of("Validate", "Charge", "Ship"), execution.history().entered(), "the states a valid "
                + "order goes through: " + execution.describe());
        JsonNode output = JSON.readTree(execution.output());
        String id = order.get("orderId").asText();
        assertEquals("ch-" + id, output.path("payment").path("chargeId").asText(), "payment.chargeId in the "
                + "execution's output: " + execution.output());
        assertEquals(order.get("amount").asLong(), output.path("payment").path("amount").asLong(),
                "payment.amount in the execution's output: " + execution.output());
        assertEquals("trk-" + id, output.path("shipment").path("trackingId").asText(), "shipment.trackingId in the "
                + "execution's output: " + execution.output());
        assertEquals(charges + 1, functions.get("charge").invocationCount(), "a valid order is charged once");
    }

    @Test
    @DisplayName("a busy payment gateway is retried until the charge goes through")
    @Hint("Throw orders.PaymentGatewayBusyException while attempt < busyAttempts: that name is what Retry matches.")
    void retriesABusyGateway(Functions functions, StateMachines machines) throws IOException {
        ObjectNode order = order(goodCard()).put("busyAttempts", 1 + RANDOM.nextInt(2));
        int charges = functions.get("charge").invocationCount();

        Execution execution = run(machines, order);

        assertTrue(execution.succeeded(), () -> "with the gateway busy for " + order.get("busyAttempts")
                + " attempt(s): " + execution.describe());
        List<ExecutionHistory.Failure> busy = execution.history().failuresIn("Charge");
        assertEquals(order.get("busyAttempts").asInt(), busy.size(), () -> "failed charge attempts Retry saw: "
                + execution.describe());
        busy.forEach(failure -> assertEquals("orders.PaymentGatewayBusyException", failure.error(),
                "the error of a busy attempt, which Retry matches"));
        assertEquals(charges + order.get("busyAttempts").asInt() + 1, functions.get("charge").invocationCount(),
                "charge should run once per busy attempt and once more to succeed");
        assertEquals("trk-" + order.get("orderId").asText(), JSON.readTree(execution.output()).path("shipment")
                .path("trackingId").asText(), execution.output());
    }

    @Test
    @DisplayName("a gateway still busy after two retries ends the execution with its error, after three charges")
    @Hint("Retry takes MaxAttempts: without it Step Functions retries 3 times, one more than the shop allows. When "
            + "the retries run out, the error leaves the Charge state as it is (no Catch for it): the execution fails.")
    void givesUpOnABusyGatewayAfterTwoRetries(Functions functions, StateMachines machines) {
        ObjectNode order = order(goodCard()).put("busyAttempts", 3 + RANDOM.nextInt(3));
        int charges = functions.get("charge").invocationCount();
        int shipments = functions.get("ship").invocationCount();

        Execution execution = run(machines, order);

        assertEquals("FAILED", execution.status(), () -> "with the gateway busy for " + order.get("busyAttempts")
                + " attempts the charge cannot go through within two retries: " + execution.describe());
        assertEquals("orders.PaymentGatewayBusyException", execution.error(), () -> "the error the execution ends "
                + "with once the retries run out: " + execution.describe());
        assertEquals(charges + 3, functions.get("charge").invocationCount(), "the first charge and two retries");
        assertEquals(shipments, functions.get("ship").invocationCount(), "nothing is shipped without a charge");
    }

    @Test
    @DisplayName("a declined card is not retried, and the order ends as PaymentDeclined without shipping")
    @Hint("A declined card is no transient error: throw orders.CardDeclinedException, which Catch sends to Declined.")
    void declinesWithoutRetrying(Functions functions, StateMachines machines) {
        ObjectNode order = order(declinedCard());
        int charges = functions.get("charge").invocationCount();
        int shipments = functions.get("ship").invocationCount();

        Execution execution = run(machines, order);

        assertEquals("FAILED", execution.status(), execution::describe);
        assertEquals("PaymentDeclined", execution.error(), () -> "the error a declined card (" + order.get("card")
                .asText() + ") should end with: " + execution.describe());
        assertEquals(List.of("Validate", "Charge", "Declined"), execution.history().entered(), execution::describe);
        assertEquals(charges + 1, functions.get("charge").invocationCount(), "a declined card is charged once, not "
                + "retried");
        assertEquals(shipments, functions.get("ship").invocationCount(), "nothing is shipped for a declined card");
    }

    @Test
    @DisplayName("invalid orders end as OrderRejected before anything is charged")
    @Hint("Validate throws orders.InvalidOrderException, the only error the Validate state's Catch takes.")
    void rejectsInvalidOrders(Functions functions, StateMachines machines) {
        int charges = functions.get("charge").invocationCount();
        ObjectNode zero = order(goodCard()).put("amount", 0);
        ObjectNode negative = order(goodCard()).put("amount", -1 - RANDOM.nextInt(500));
        ObjectNode noItems = order(goodCard());
        noItems.putArray("items");
        ObjectNode noId = order(goodCard());
        noId.remove("orderId");
        for (ObjectNode bad : new ObjectNode[] {zero, negative, noItems, noId}) {
            Execution execution = run(machines, bad);
            assertEquals("OrderRejected", execution.error(), () -> "for " + bad + ": " + execution.describe());
            assertEquals(List.of("Validate", "Rejected"), execution.history().entered(), () -> "for " + bad + ": "
                    + execution.describe());
        }
        assertEquals(charges, functions.get("charge").invocationCount(), "no invalid order may reach charge");
    }

    @Test
    @Hidden
    @DisplayName("an amount in fractions of a cent, or a missing card, is rejected too")
    void rejectsFractionalAmountsAndMissingCards(Functions functions, StateMachines machines) {
        int charges = functions.get("charge").invocationCount();
        ObjectNode fractional = order(goodCard()).put("amount", 10 + RANDOM.nextInt(900) + 0.5);
        ObjectNode noCard = order(goodCard());
        noCard.remove("card");
        for (ObjectNode bad : new ObjectNode[] {fractional, noCard}) {
            Execution execution = run(machines, bad);
            assertEquals("OrderRejected", execution.error(), () -> "for " + bad + ": " + execution.describe());
        }
        assertEquals(charges, functions.get("charge").invocationCount(), "no invalid order may reach charge");
    }

    private static Execution run(StateMachines machines, ObjectNode order) {
        return machines.run("order", order.toString(), FINISH);
    }

    private static ObjectNode order(String card) {
        ObjectNode order = JSON.createObjectNode()
                .put("orderId", "o-" + HexFormat.of().formatHex(bytes(4)))
                .put("amount", 100 + RANDOM.nextInt(99_900))
                .put("card", card);
        order.putArray("items").add("item-" + RANDOM.nextInt(1000));
        return order;
    }

    private static String goodCard() {
        return "4" + digits(11) + (1000 + RANDOM.nextInt(9000));
    }

    private static String declinedCard() {
        return "5" + digits(11) + "0000";
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.toString();
    }

    private static byte[] bytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
