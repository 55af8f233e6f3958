package dev.serverlesslab.emulator.apigatewayv2.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Returns a bare string, which payload 2.0 turns into a 200 JSON response. */
public class BareGreeting implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "hello from " + event.get("rawPath");
    }
}
