package dev.serverlesslab.emulator.lambda.bootstrap;

import java.util.Map;

/**
 * Hands each invocation's X-Ray trace header ({@code Lambda-Runtime-Trace-Id}) to the handler the two ways Lambda's
 * Java runtime does: the system property {@code com.amazonaws.xray.traceHeader} and the environment variable
 * {@code _X_AMZN_TRACE_ID}, which tracing libraries read first.
 *
 * <p>A JVM's environment cannot change through any API; like AWS's runtime client ({@code EnvWriter}), the bootstrap
 * writes into the map behind {@link System#getenv()}, which needs {@code java.util} opened to it (the environment's
 * command line does). Where that is refused, the property alone carries the header.
 */
final class TraceHeader {

    static final String PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String VARIABLE = "_X_AMZN_TRACE_ID";

    private final Map<String, String> environment = ProcessVariables.writable();

    /** Sets (or, for an invocation without one, clears) the trace header. */
    void set(String traceId) {
        if (traceId == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, traceId);
        }
        if (environment != null) {
            if (traceId == null) {
                environment.remove(VARIABLE);
            } else {
                environment.put(VARIABLE, traceId);
            }
        }
    }
}
