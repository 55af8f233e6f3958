package dev.serverlesslab.jdks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's Java runtimes and the Java feature release AWS runs each on ({@code java21} → 21): what submissions compile
 * for ({@code --release}) and what JDK an execution environment needs at least.
 */
public final class LambdaJavaRuntimes {

    /** Each Java runtime Lambda offers, oldest first, with its feature release. */
    public static final Map<String, Integer> FEATURE_RELEASE = releases();

    private LambdaJavaRuntimes() {
    }

    /** The feature release of {@code runtime}; empty for a runtime that is not one of Lambda's Java runtimes. */
    public static Optional<Integer> release(String runtime) {
        return Optional.ofNullable(FEATURE_RELEASE.get(runtime));
    }

    /** The runtime whose feature release is {@code feature}, e.g. {@code java21} for 21; empty when none is. */
    public static Optional<String> runtimeOf(int feature) {
        return FEATURE_RELEASE.entrySet().stream().filter(entry -> entry.getValue() == feature)
                .map(Map.Entry::getKey).findFirst();
    }

    private static Map<String, Integer> releases() {
        Map<String, Integer> releases = new LinkedHashMap<>();
        releases.put("java8.al2", 8);
        releases.put("java11", 11);
        releases.put("java17", 17);
        releases.put("java21", 21);
        releases.put("java25", 25);
        return Collections.unmodifiableMap(releases);
    }
}
