package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        context.getLogger().log("Greeting request " + context.getAwsRequestId());
        String name = event == null ? null : event.get("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("'name' is required");
        }
        String clean = name.replaceAll("[^A-Za-z0-9 -]", "");
        return Map.of("greeting", "Hello, " + clean + "!");
    }
}
