package billing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A month's Lambda bill from REPORT lines: requests plus GB-seconds, each invocation billed in 1 ms steps, the init
 * phase of a cold start billed like the handler, at the prices of the function's architecture given in the event.
 */
public class CostReport implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String architecture = String.valueOf(event.get("architecture"));
        Map<String, Object> prices = (Map<String, Object>) event.get("prices");
        List<Map<String, Object>> reports = (List<Map<String, Object>>) event.get("reports");

        long requests = 0;
        long billedMs = 0;
        BigDecimal gbSeconds = BigDecimal.ZERO;
        BigDecimal requestCost = BigDecimal.ZERO;
        BigDecimal durationCost = BigDecimal.ZERO;
        // Your turn:
        //  1. pick the prices of the event's architecture (an IllegalArgumentException when there are none);
        //  2. for each report, read Duration, Init Duration (cold starts only) and Memory Size from its line, bill
        //     the invocation in whole milliseconds, and add count invocations to requests, billedMs and gbSeconds;
        //  3. price the requests and the GB-seconds, keeping every figure exact with BigDecimal;
        //  4. round only what you return, as the statement says.

        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("requests", requests);
        bill.put("billedMilliseconds", billedMs);
        bill.put("gbSeconds", gbSeconds.toPlainString());
        bill.put("requestCost", requestCost.toPlainString());
        bill.put("durationCost", durationCost.toPlainString());
        bill.put("total", requestCost.add(durationCost).toPlainString());
        return bill;
    }
}
