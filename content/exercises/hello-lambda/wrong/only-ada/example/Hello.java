package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        context.getLogger().log("Greeting request " + context.getAwsRequestId());
        if (event == null || event.get("name") == null || event.get("name").isBlank()) {
            throw new IllegalArgumentException("'name' is required");
        }
        return Map.of("greeting", "Hello, Ada!");
    }
}
