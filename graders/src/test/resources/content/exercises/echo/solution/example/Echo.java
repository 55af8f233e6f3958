package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

public class Echo {
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        System.out.println("echoing " + event.get("message"));
        return Map.of("message", event.get("message"));
    }
}
