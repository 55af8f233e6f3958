package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Resources;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Every check starts executions of the exercise's state machine with an order of random id, amount and card, and
 * reads how the execution ended and how often each function ran: the Retry and Catch of the definition only work
 * when the learner's functions throw the right exception at the right time.
 */
class OrderWorkflowChecks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration FINISH = Duration.ofSeconds(30);

    @Test
    @DisplayName("a valid order is charged once and shipped")
    void shipsAValidOrder(Functions functions, SfnClient sfn, Resources resources) throws IOException {
        ObjectNode order = order(goodCard());
        int charges = functions.get("charge").invocationCount();

        DescribeExecutionResponse execution = run(sfn, resources, order);

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> describe(execution));
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
    void retriesABusyGateway(Functions functions, SfnClient sfn, Resources resources) throws IOException {
        ObjectNode order = order(goodCard()).put("busyAttempts", 1 + RANDOM.nextInt(2));
        int charges = functions.get("charge").invocationCount();

        DescribeExecutionResponse execution = run(sfn, resources, order);

        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), () -> "with the gateway busy for "
                + order.get("busyAttempts") + " attempt(s): " + describe(execution));
        assertEquals(charges + order.get("busyAttempts").asInt() + 1, functions.get("charge").invocationCount(),
                "charge should run once per busy attempt and once more to succeed");
        assertEquals("trk-" + order.get("orderId").asText(), JSON.readTree(execution.output()).path("shipment")
                .path("trackingId").asText(), execution.output());
    }

    @Test
    @DisplayName("a declined card is not retried, and the order ends as PaymentDeclined without shipping")
    @Hint("A declined card is no transient error: throw orders.CardDeclinedException, which Catch sends to Declined.")
    void declinesWithoutRetrying(Functions functions, SfnClient sfn, Resources resources) {
        ObjectNode order = order(declinedCard());
        int charges = functions.get("charge").invocationCount();
        int shipments = functions.get("ship").invocationCount();

        DescribeExecutionResponse execution = run(sfn, resources, order);

        assertEquals(ExecutionStatus.FAILED, execution.status(), () -> describe(execution));
        assertEquals("PaymentDeclined", execution.error(), () -> "the error a declined card (" + order.get("card")
                .asText() + ") should end with: " + describe(execution));
        assertEquals(charges + 1, functions.get("charge").invocationCount(), "a declined card is charged once, not "
                + "retried");
        assertEquals(shipments, functions.get("ship").invocationCount(), "nothing is shipped for a declined card");
    }

    @Test
    @DisplayName("invalid orders end as OrderRejected before anything is charged")
    @Hint("Validate throws orders.InvalidOrderException, the only error the Validate state's Catch takes.")
    void rejectsInvalidOrders(Functions functions, SfnClient sfn, Resources resources) {
        int charges = functions.get("charge").invocationCount();
        ObjectNode zero = order(goodCard()).put("amount", 0);
        ObjectNode negative = order(goodCard()).put("amount", -1 - RANDOM.nextInt(500));
        ObjectNode noItems = order(goodCard());
        noItems.putArray("items");
        ObjectNode noId = order(goodCard());
        noId.remove("orderId");
        for (ObjectNode bad : new ObjectNode[] {zero, negative, noItems, noId}) {
            DescribeExecutionResponse execution = run(sfn, resources, bad);
            assertEquals("OrderRejected", execution.error(), () -> "for " + bad + ": " + describe(execution));
        }
        assertEquals(charges, functions.get("charge").invocationCount(), "no invalid order may reach charge");
    }

    @Test
    @Hidden
    @DisplayName("an amount in fractions of a cent, or a missing card, is rejected too")
    void rejectsFractionalAmountsAndMissingCards(Functions functions, SfnClient sfn, Resources resources) {
        int charges = functions.get("charge").invocationCount();
        ObjectNode fractional = order(goodCard()).put("amount", 10 + RANDOM.nextInt(900) + 0.5);
        ObjectNode noCard = order(goodCard());
        noCard.remove("card");
        for (ObjectNode bad : new ObjectNode[] {fractional, noCard}) {
            DescribeExecutionResponse execution = run(sfn, resources, bad);
            assertEquals("OrderRejected", execution.error(), () -> "for " + bad + ": " + describe(execution));
        }
        assertEquals(charges, functions.get("charge").invocationCount(), "no invalid order may reach charge");
    }

    private static DescribeExecutionResponse run(SfnClient sfn, Resources resources, ObjectNode order) {
        String arn = sfn.startExecution(b -> b.stateMachineArn(resources.stateMachineArn("order"))
                .input(order.toString())).executionArn();
        return Eventually.get("the execution for " + order + " to finish", FINISH, () -> {
            DescribeExecutionResponse now = sfn.describeExecution(b -> b.executionArn(arn));
            return now.status() == ExecutionStatus.RUNNING ? Optional.empty() : Optional.of(now);
        });
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

    private static String describe(DescribeExecutionResponse execution) {
        return "the execution ended " + execution.status() + (execution.error() == null ? ""
                : " with error " + execution.error() + " (" + execution.cause() + ")")
                + (execution.output() == null ? "" : ", output " + execution.output());
    }
}
