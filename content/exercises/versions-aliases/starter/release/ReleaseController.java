package release;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Releases a new version of another function through its alias: a canary first, then promote or roll back.
 *
 * <p>Events: {"action":"canary","function":F,"alias":A,"percent":P}, {"action":"promote","function":F,"alias":A}
 * and {"action":"rollback","function":F,"alias":A}.
 */
public class ReleaseController implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final LambdaClient lambda = LambdaClient.create();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // Your turn:
        //  canary:   check percent (a whole number from 1 to 99) before changing anything; publish $LATEST of the
        //            function; keep the alias's own version and send percent % of its invocations to the new one;
        //            answer {"stable": ..., "canary": ..., "weight": percent / 100}. When publishing gives back the
        //            version the alias already runs, fail with IllegalStateException: nothing new to release.
        //  promote:  the canary becomes the alias's version, with no second version left; answer {"version": ...}.
        //  rollback: the alias keeps its own version and loses the second one; answer {"version": ...}.
        context.getLogger().log("Received " + event.get("action") + "; nothing is released yet");
        return Map.of("outcome", "nothing done");
    }
}
