package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Greets whoever is named in the event: {"name":"Ada"} should give {"greeting":"Hello, Ada!"}.
 */
public class Hello implements RequestHandler<Map<String, String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(Map<String, String> event, Context context) {
        // Lambda turned the JSON event into this Map, and will turn the Map you return back into JSON.
        // Your turn:
        //  1. log a line with context.getAwsRequestId(), using context.getLogger();
        //  2. read the "name" from the event, and throw an IllegalArgumentException when it is missing or blank;
        //  3. greet that name instead of the whole world.
        return Map.of("greeting", "Hello, world!");
    }
}
