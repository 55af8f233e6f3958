package dev.serverlesslab.graders.check;

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
}
