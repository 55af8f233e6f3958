package throttle;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Reserves concurrency for a worker function, and calls it with a retry policy of its own.
 *
 * <p>Events: {"action":"reserve","function":F,"concurrency":N} and
 * {"action":"call","function":F,"job":J,"maxAttempts":A,"baseDelayMs":B,"maxDelayMs":M}.
 */
public class Dispatcher implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The SDK retries throttled calls by itself; switched off, so your policy is the only one. */
    private final LambdaClient lambda = LambdaClient.builder()
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // Your turn:
        //  reserve: check concurrency (a whole number from 0 to 1000), set it as the function's reserved concurrency,
        //           answer {"reserved": N}.
        //  call:    invoke the function with {"job": J}. When Lambda throttles it (TooManyRequestsException), wait
        //           and try again: before retry n wait between half and all of min(maxDelayMs, baseDelayMs * 2^(n-1)),
        //           chosen at random. Answer {"status":"ok","attempts":..,"delaysMs":[..],"response":"<its answer>"},
        //           or after maxAttempts throttled attempts {"status":"throttled","attempts":..,"delaysMs":[..]}.
        //           Any other error is not retried.
        context.getLogger().log("Received " + event.get("action") + "; nothing is done yet");
        return Map.of("status", "not implemented");
    }
}
