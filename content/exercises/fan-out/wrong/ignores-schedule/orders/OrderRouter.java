package orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes every event it receives as an order, the hourly tick included.
 */
public class OrderRouter implements RequestHandler<ScheduledEvent, Void> {

    // Built once per execution environment, during init, and reused by every warm invocation.
    private final SnsClient sns = SnsClient.create();
    private final String topicArn = System.getenv("TOPIC_ARN");

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        Map<String, Object> order = event.getDetail();
        // A Number attribute, so that a filter policy can compare it numerically ({"numeric": [">=", 1000]}).
        MessageAttributeValue total = MessageAttributeValue.builder().dataType("Number")
                .stringValue(String.valueOf(order.get("total"))).build();
        publish(Json.write(order), Map.of("kind", text("order"), "total", total));
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
