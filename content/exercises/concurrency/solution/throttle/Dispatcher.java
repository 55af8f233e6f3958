package throttle;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Reserves concurrency for a worker function, and calls it with a retry policy of its own: a throttled call (429) is
 * tried again after an exponentially growing, partly random wait, until a budget of attempts is spent.
 */
public class Dispatcher implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Pattern JOB = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** The SDK retries throttled calls by itself; switched off, so the policy below is the only one. */
    private final LambdaClient lambda = LambdaClient.builder()
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String action = text(event, "action");
        String function = text(event, "function");
        return switch (action) {
            case "reserve" -> reserve(function, (int) whole(event, "concurrency", 0, 1000));
            case "call" -> call(function, event, context);
            default -> throw new IllegalArgumentException("unknown action '" + action + "': use reserve or call");
        };
    }

    private Map<String, Object> reserve(String function, int concurrency) {
        int reserved = lambda.putFunctionConcurrency(b -> b.functionName(function)
                .reservedConcurrentExecutions(concurrency)).reservedConcurrentExecutions();
        return Map.of("reserved", reserved);
    }

    private Map<String, Object> call(String function, Map<String, Object> event, Context context) {
        String job = text(event, "job");
        if (!JOB.matcher(job).matches()) {
            throw new IllegalArgumentException("job must be 1 to 64 letters, digits or '-', got '" + job + "'");
        }
        int maxAttempts = (int) whole(event, "maxAttempts", 1, 20);
        long base = whole(event, "baseDelayMs", 1, 60_000);
        long maxDelay = whole(event, "maxDelayMs", base, 60_000);
        SdkBytes payload = SdkBytes.fromUtf8String("{\"job\":\"" + job + "\"}");
        List<Long> delays = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                InvokeResponse response = lambda.invoke(b -> b.functionName(function).payload(payload));
                return answer("ok", attempt, delays, response.payload().asUtf8String());
            } catch (TooManyRequestsException throttled) {
                if (attempt == maxAttempts) {
                    context.getLogger().log("Throttled " + attempt + " times; giving up on " + job);
                    return answer("throttled", attempt, delays, null);
                }
                // Exponential ceiling, "equal jitter": half of it fixed, the other half random, so callers that were
                // throttled together do not all come back at the same moment.
                long ceiling = Math.min(maxDelay, base << Math.min(attempt - 1, 30));
                long delay = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
                context.getLogger().log("Throttled (attempt " + attempt + "); waiting " + delay + " ms");
                sleep(delay);
                delays.add(delay);
            }
        }
    }

    private static Map<String, Object> answer(String status, int attempts, List<Long> delays, String response) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status);
        answer.put("attempts", attempts);
        answer.put("delaysMs", delays);
        if (response != null) {
            answer.put("response", response);
        }
        return answer;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static String text(Map<String, Object> event, String field) {
        Object value = event == null ? null : event.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("the event needs a text field '" + field + "'");
        }
        return text;
    }

    private static long whole(Map<String, Object> event, String field, long min, long max) {
        Object value = event.get(field);
        if (value instanceof Number number) {
            double n = number.doubleValue();
            if (n == Math.rint(n) && n >= min && n <= max) {
                return (long) n;
            }
        }
        throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max + ", got "
                + value);
    }
}
