package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Eventually;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import dev.serverlesslab.graders.check.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The checks of the concurrency exercise. Each check creates a worker function of its own, sets its reserved
 * concurrency (or asks the learner's dispatcher to), and makes Lambda throttle it for real: by holding its only slot
 * with a slow invocation, or by reserving 0. The dispatcher's reported waits are checked against the policy and
 * against the time the call really took, which can only be longer than the waits (so no timing can fail a correct
 * solution on a slow machine).
 */
class ConcurrencyChecks {

    @Test
    @Points(2)
    @DisplayName("reserve sets the worker's reserved concurrency and answers it; a negative, fractional or missing "
            + "number is refused with an IllegalArgumentException and changes nothing")
    @Hint("lambda.putFunctionConcurrency(b -> b.functionName(function).reservedConcurrentExecutions(n)), after "
            + "checking that concurrency is a whole number from 0 to 1000.")
    void reservesConcurrency(DeployedFunction dispatcher, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            String worker = targets.create("worker", Worker.class, Map.of());
            int reserved = ThreadLocalRandom.current().nextInt(1, 6);
            Invocation result = act(dispatcher, Map.of("action", "reserve", "function", worker,
                    "concurrency", reserved));
            if (!result.succeeded() || result.json().path("reserved").asInt(-1) != reserved) {
                fail("Expected reserve with concurrency " + reserved + " to answer {\"reserved\":" + reserved
                        + "}, but the dispatcher " + outcome(result));
            }
            expectReserved(lambda, worker, reserved, "after reserve with concurrency " + reserved);
            for (Object bad : List.of(-ThreadLocalRandom.current().nextInt(1, 10), 1.5, "two")) {
                Invocation refused = act(dispatcher, Map.of("action", "reserve", "function", worker,
                        "concurrency", bad));
                if (refused.succeeded() || !"java.lang.IllegalArgumentException".equals(refused.errorType())) {
                    fail("Expected reserve with concurrency " + bad + " to fail with "
                            + "java.lang.IllegalArgumentException, but the dispatcher " + outcome(refused));
                }
                expectReserved(lambda, worker, reserved, "after a refused reserve with concurrency " + bad);
            }
        }
    }

    @Test
    @Points(1)
    @DisplayName("call answers the worker's response after one attempt when the worker is not throttled")
    void callsOnceWhenFree(DeployedFunction dispatcher, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            String worker = targets.create("worker", Worker.class, Map.of());
            String job = job();
            Invocation result = act(dispatcher, call(worker, job, 3, 100, 400));
            JsonNode answer = result.json();
            if (!result.succeeded() || !"ok".equals(answer.path("status").asText())
                    || answer.path("attempts").asInt() != 1 || answer.path("delaysMs").size() != 0
                    || !answer.path("response").asText().contains(job)) {
                fail("Expected {\"status\":\"ok\",\"attempts\":1,\"delaysMs\":[],\"response\":...} with the worker's "
                        + "answer for job " + job + ", but the dispatcher " + outcome(result));
            }
        }
    }

    @Test
    @Points(3)
    @DisplayName("While another invocation holds the worker's only slot, call is throttled, backs off and tries "
            + "again until the slot is free, then answers the worker's response")
    @Hint("Catch TooManyRequestsException around invoke, wait (Thread.sleep) and try again; wait n lies between half "
            + "and all of min(maxDelayMs, baseDelayMs * 2^(n-1)).")
    void retriesWhileBusy(DeployedFunction dispatcher, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            String worker = targets.create("worker", Worker.class, Map.of());
            lambda.putFunctionConcurrency(b -> b.functionName(worker).reservedConcurrentExecutions(1));
            invoke(lambda, worker, "{\"job\":\"warm-up\"}");
            warmUp(dispatcher);
            String hold = "hold-" + UUID.randomUUID();
            CompletableFuture<InvokeResponse> holder = CompletableFuture.supplyAsync(() ->
                    invoke(lambda, worker, "{\"job\":\"" + hold + "\",\"holdMs\":2000}"));
            try (LambdaClient probe = withoutRetries(lambda)) {
                // Lambda throttling a quick probe is the sign that the slow invocation holds the only slot now.
                Eventually.check("the slow invocation (job " + hold + ") to hold the worker's only slot",
                        Duration.ofSeconds(30), () -> {
                            try {
                                probe.invoke(b -> b.functionName(worker)
                                        .payload(SdkBytes.fromUtf8String("{\"job\":\"probe\"}")));
                                return false;
                            } catch (TooManyRequestsException throttled) {
                                return true;
                            }
                        });
            }
            String job = job();
            long started = System.nanoTime();
            Invocation result = act(dispatcher, call(worker, job, 10, 100, 2000));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            holder.join();
            JsonNode answer = result.json();
            if (!result.succeeded() || !"ok".equals(answer.path("status").asText())
                    || !answer.path("response").asText().contains(job)) {
                fail("Expected the call to succeed once the worker's slot was free, answering {\"status\":\"ok\", "
                        + "...} with the worker's answer for job " + job + ", but the dispatcher " + outcome(result));
            }
            if (answer.path("attempts").asInt() < 2) {
                fail("The worker's only slot was held when the call started, so its first attempt must have been "
                        + "throttled, but the dispatcher answered attempts = " + answer.path("attempts"));
            }
            expectWaits(answer, answer.path("attempts").asInt(), 100, 2000, tookMillis);
        }
    }

    @Test
    @Points(2)
    @DisplayName("When every attempt is throttled, call gives up after maxAttempts with status throttled, having "
            + "waited exponentially longer each time, with jitter")
    @Hint("After the last attempt, return {\"status\":\"throttled\", ...} instead of throwing. Pick each wait at "
            + "random between half and all of its ceiling: two calls must not wait the same.")
    void givesUpWithJitter(DeployedFunction dispatcher, LambdaClient lambda, Resources resources) {
        try (TargetFunctions targets = new TargetFunctions(lambda, resources)) {
            String worker = targets.create("worker", Worker.class, Map.of());
            lambda.putFunctionConcurrency(b -> b.functionName(worker).reservedConcurrentExecutions(0));
            warmUp(dispatcher);
            int attempts = ThreadLocalRandom.current().nextInt(4, 6);
            int base = ThreadLocalRandom.current().nextInt(40, 121);
            // A correct dispatcher draws the same waits in two calls about once in 600,000 gradings (once in 70,000
            // at base 40 with 4 attempts), and failing it then would fail it for bad luck: when the first two calls
            // waited the same, a third call decides, and only three identical calls fail (for a correct dispatcher
            // at most once in 4 billion gradings). A dispatcher without jitter waits the same every time, so it
            // still fails on every grading.
            List<JsonNode> runs = new ArrayList<>();
            while (runs.size() < 2 || (runs.size() == 2 && runs.get(0).equals(runs.get(1)))) {
                long started = System.nanoTime();
                Invocation result = act(dispatcher, call(worker, job(), attempts, base, base * 4));
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                JsonNode answer = result.json();
                if (!result.succeeded() || !"throttled".equals(answer.path("status").asText())
                        || answer.path("attempts").asInt() != attempts) {
                    fail("With the worker's reserved concurrency at 0 every attempt is throttled: expected "
                            + "{\"status\":\"throttled\",\"attempts\":" + attempts + ", ...} after " + attempts
                            + " attempts, but the dispatcher " + outcome(result));
                }
                expectWaits(answer, attempts, base, base * 4, tookMillis);
                runs.add(answer.path("delaysMs"));
            }
            if (runs.stream().allMatch(runs.get(0)::equals)) {
                fail(runs.size() + " calls throttled the same way waited exactly the same: " + runs.get(0) + ". "
                        + "Without a random part, callers throttled together retry together and are throttled "
                        + "again.");
            }
        }
    }

    @Test
    @Hidden
    @Points(2)
    @DisplayName("Only throttling is retried: calling a function that does not exist fails at once with "
            + "ResourceNotFoundException")
    void onlyThrottlingIsRetried(DeployedFunction dispatcher) {
        warmUp(dispatcher);
        String missing = "lab-missing-" + UUID.randomUUID().toString().substring(0, 8);
        // A budget far longer than the function's timeout: a dispatcher that retries this error times out.
        Invocation result = act(dispatcher, call(missing, job(), 10, 4000, 16000));
        if (result.succeeded() || result.errorType() == null
                || !result.errorType().endsWith("ResourceNotFoundException")) {
            fail("Expected calling " + missing + ", which does not exist, to fail with ResourceNotFoundException "
                    + "(waiting cannot create it), but the dispatcher " + outcome(result));
        }
    }

    /** The reported waits: one per retry, each within its ceiling's upper half, and really waited. */
    private static void expectWaits(JsonNode answer, int attempts, long base, long maxDelay, long tookMillis) {
        JsonNode delays = answer.path("delaysMs");
        if (!delays.isArray() || delays.size() != attempts - 1) {
            fail("After " + attempts + " attempts the dispatcher waited " + (attempts - 1) + " times, so delaysMs "
                    + "should hold " + (attempts - 1) + " numbers, but it is " + delays);
        }
        long total = 0;
        for (int i = 0; i < delays.size(); i++) {
            long ceiling = Math.min(maxDelay, base << i);
            long delay = delays.get(i).asLong(-1);
            if (!delays.get(i).canConvertToLong() || delay < ceiling / 2 || delay > ceiling) {
                fail("Wait " + (i + 1) + " should lie between " + ceiling / 2 + " and " + ceiling + " ms (half and "
                        + "all of min(maxDelayMs " + maxDelay + ", baseDelayMs " + base + " * 2^" + i + ")), but "
                        + "delaysMs is " + delays);
            }
            total += delay;
        }
        if (tookMillis < total) {
            fail("The dispatcher reports waits of " + total + " ms in all, but the whole call took only "
                    + tookMillis + " ms: it did not really wait.");
        }
    }

    private static void expectReserved(LambdaClient lambda, String worker, int reserved, String when) {
        Integer actual = lambda.getFunctionConcurrency(b -> b.functionName(worker)).reservedConcurrentExecutions();
        if (actual == null || actual != reserved) {
            fail("Expected the worker's reserved concurrency to be " + reserved + " " + when + ", but it is "
                    + (actual == null ? "not set" : actual));
        }
    }

    private static Map<String, Object> call(String worker, String job, int maxAttempts, long base, long maxDelay) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("action", "call");
        event.put("function", worker);
        event.put("job", job);
        event.put("maxAttempts", maxAttempts);
        event.put("baseDelayMs", base);
        event.put("maxDelayMs", maxDelay);
        return event;
    }

    private static Invocation act(DeployedFunction dispatcher, Map<String, Object> event) {
        warmUp(dispatcher);
        return dispatcher.invoke(event);
    }

    private static InvokeResponse invoke(LambdaClient lambda, String function, String payload) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function)
                .payload(SdkBytes.fromUtf8String(payload)));
        if (response.functionError() != null) {
            fail("The checks' own worker failed: " + response.payload().asUtf8String());
        }
        return response;
    }

    /**
     * A client like the grading's, but one that answers a throttled call with its 429 at once: the SDK's own retries
     * would hide the very refusal the probe looks for.
     */
    private static LambdaClient withoutRetries(LambdaClient lambda) {
        var config = lambda.serviceClientConfiguration();
        var builder = LambdaClient.builder()
                .region(config.region())
                .credentialsProvider(config.credentialsProvider())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.endpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static String outcome(Invocation result) {
        return result.succeeded() ? "answered " + result.payload() : "failed with " + result.failure();
    }

    private static String job() {
        return "job-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static boolean warm;

    /**
     * The dispatcher's first invocation is a cold start that builds the SDK's Lambda client; on a busy grading
     * machine its init phase may overrun Lambda's 10 s limit, and one more try gives a fair start.
     */
    private static synchronized void warmUp(DeployedFunction dispatcher) {
        for (int attempt = 0; !warm && attempt < 3; attempt++) {
            Invocation invocation = dispatcher.invoke("{\"action\":\"warm-up\"}");
            warm = invocation.succeeded() || !String.valueOf(invocation.errorType()).startsWith("Sandbox");
        }
        warm = true;
    }
}
