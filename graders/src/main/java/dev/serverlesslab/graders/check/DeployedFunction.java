package dev.serverlesslab.graders.check;

import java.time.Duration;

/**
 * The learner's handler, deployed to the grading backend; checks receive it as a test method parameter.
 *
 * <pre>{@code
 * @Test @DisplayName("greets Ada by name")
 * void greetsAda(DeployedFunction function) {
 *     Invocation result = function.invoke("{\"name\":\"Ada\"}");
 *     assertEquals("Hello, Ada!", result.json().path("greeting").asText());
 * }
 * }</pre>
 */
public interface DeployedFunction {

    /** The function's name on the backend (unique to this grading). */
    String name();

    /** Invokes the function synchronously with a JSON event, the way the Lambda console's Test button does. */
    Invocation invoke(String jsonEvent);

    /** Invokes the function with an event object (a Map, record or POJO) serialized to JSON with Jackson. */
    Invocation invoke(Object event);

    /**
     * How many times the function has run so far, however it was invoked: by checks, through an API, or by an event
     * source (a bucket notification, queue, topic, rule, schedule, stream).
     */
    int invocationCount();

    /**
     * Waits until the function has run at least {@code count} times in all, e.g. after putting an object into a
     * bucket that notifies it, and returns the count then. When {@code within} has passed first, the check fails
     * saying how many runs there were.
     */
    default int awaitInvocations(int count, Duration within) {
        return Eventually.get("the function to have run at least " + count + " time(s)", within, () -> {
            int runs = invocationCount();
            return runs >= count ? java.util.Optional.of(runs) : java.util.Optional.empty();
        }, () -> "it ran " + invocationCount() + " time(s)");
    }
}
