package payments;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.List;

/** Stores every valid payment of a batch and reports the others, by messageId, as batch item failures. */
public class PaymentsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        for (SQSMessage message : event.getRecords()) {
            context.getLogger().log("Message " + message.getMessageId() + ": " + message.getBody());
            // Your turn: parse the payment (Json.parseObject), check it, store it in the table, and collect the
            // messages that fail.
        }
        return new SQSBatchResponse(List.of());
    }
}
