package dev.serverlesslab.graders.check;

import java.util.List;

/**
 * Every function an exercise with {@code functions:} deploys, by the logical names its {@code exercise.yml} gives;
 * checks receive it as a test method parameter. (An exercise with one function may keep taking a
 * {@link DeployedFunction}.)
 *
 * <pre>{@code
 * @Test @DisplayName("charges only valid orders")
 * void chargesValidOrders(Functions functions) {
 *     Invocation answer = functions.get("validate").invoke("{\"orderId\":\"o-7\",\"amount\":12}");
 *     assertEquals(0, functions.get("charge").invocationCount());
 * }
 * }</pre>
 */
public interface Functions {

    /**
     * The function the descriptor names {@code logical}.
     *
     * @throws IllegalArgumentException naming the declared functions, when there is none of that name
     */
    DeployedFunction get(String logical);

    /** The logical names, in the order {@code exercise.yml} declares them. */
    List<String> names();
}
