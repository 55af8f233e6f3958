package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Greets whoever is named in the event: {"name":"Ada"} gives {"greeting":"Hello, Ada!"}.
 */
public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        // The request id ties this line to the START, END and REPORT lines of the same invocation in the logs.
        context.getLogger().log("Greeting request " + context.getAwsRequestId());

        String name = event == null ? null : event.get("name");
        if (name == null || name.isBlank()) {
            // An uncaught exception makes the invocation fail; Lambda reports its class and message to the caller.
            throw new IllegalArgumentException("'name' is required: send an event like {\"name\":\"Ada\"}");
        }
        return Map.of("greeting", "Hello, " + name + "!");
    }
}
