package dev.serverlesslab.emulator.lambda.bootstrap;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * The map behind {@link System#getenv()}, written as AWS's runtime client ({@code EnvWriter}) writes it: a JVM's
 * environment cannot change through any API, so this needs {@code java.util} opened to the bootstrap (the
 * environment's command line does). On Linux the same map is what {@link ProcessBuilder} copies, so processes the
 * handler starts see the same variables.
 */
final class ProcessVariables {

    private ProcessVariables() {
    }

    /** The writable map, or null where the JVM refuses access. */
    @SuppressWarnings("unchecked")
    static Map<String, String> writable() {
        Map<String, String> view = System.getenv();
        try {
            Field inner = view.getClass().getDeclaredField("m");
            inner.setAccessible(true);
            return (Map<String, String>) inner.get(view);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Makes the JVM's environment exactly {@code variables}: what a pre-warmed environment gets once its function is
     * known.
     *
     * @return false when the environment could not be written
     */
    static boolean replaceAll(Map<String, String> variables) {
        Map<String, String> environment = writable();
        if (environment == null) {
            return false;
        }
        environment.clear();
        environment.putAll(variables);
        return System.getenv().equals(variables);
    }
}
