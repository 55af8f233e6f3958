package orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes every OrderPlaced event with only its total as an attribute, and a heartbeat for every hourly tick.
 */
public class OrderRouter implements RequestHandler<ScheduledEvent, Void> {

    // Built once per execution environment, during init, and reused by every warm invocation.
    private final SnsClient sns = SnsClient.create();
    private final String topicArn = System.getenv("TOPIC_ARN");

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        if ("aws.events".equals(event.getSource()) && "Scheduled Event".equals(event.getDetailType())) {
            Map<String, Object> heartbeat = new LinkedHashMap<>();
            heartbeat.put("type", "heartbeat");
            heartbeat.put("time", event.getTime().toString());
            publish(Json.write(heartbeat), Map.of("kind", text("heartbeat")));
            return null;
        }
        Map<String, Object> order = event.getDetail();
        // A Number attribute, so that a filter policy can compare it numerically ({"numeric": [">=", 1000]}).
        MessageAttributeValue total = MessageAttributeValue.builder().dataType("Number")
                .stringValue(String.valueOf(order.get("total"))).build();
        // The message says what it is in its body; only total needs to be an attribute for the numeric filter.
        publish(Json.write(order), Map.of("total", total));
        context.getLogger().log("Published order " + order.get("orderId"));
        return null;
    }

    private void publish(String message, Map<String, MessageAttributeValue> attributes) {
        sns.publish(b -> b.topicArn(topicArn).message(message).messageAttributes(attributes));
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
