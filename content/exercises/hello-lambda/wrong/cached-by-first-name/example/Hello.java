package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.HashMap;
import java.util.Map;

public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {

    private static final Map<String, String> GREETINGS = new HashMap<>();

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        context.getLogger().log("Greeting request " + context.getAwsRequestId());
        String name = event == null ? null : event.get("name");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("'name' is required");
        }
        String greeting = GREETINGS.computeIfAbsent(name.split(" ")[0], first -> "Hello, " + name + "!");
        return Map.of("greeting", greeting);
    }
}
