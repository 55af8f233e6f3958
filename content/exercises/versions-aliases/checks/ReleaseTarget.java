package checks;

import java.util.Map;

/**
 * The function the learner's controller releases, created by the checks from this class alone: it answers which
 * release it is (an environment variable the checks change between versions) and which version ran.
 */
public class ReleaseTarget {

    public Map<String, String> handleRequest(Map<String, Object> event) {
        return Map.of("release", String.valueOf(System.getenv("RELEASE")),
                "version", String.valueOf(System.getenv("AWS_LAMBDA_FUNCTION_VERSION")));
    }
}
