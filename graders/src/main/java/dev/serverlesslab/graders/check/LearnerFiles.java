package dev.serverlesslab.graders.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opentest4j.AssertionFailedError;

/**
 * The files the learner submitted, as graded: Java sources and the documents an exercise has the learner write (JSON,
 * e.g. an IAM policy), by their path below the submission root. Checks take it as a test method parameter to check
 * what is not code statically:
 *
 * <pre>{@code
 * @Test @DisplayName("policy.json grants only dynamodb:GetItem")
 * void leastPrivilege(LearnerFiles files) throws IOException {
 *     JsonNode policy = new ObjectMapper().readTree(files.text("policy.json"));
 *     ...
 * }
 * }</pre>
 */
public final class LearnerFiles {

    private final Map<String, String> files;

    /** @param files path relative to the submission root to text */
    public LearnerFiles(Map<String, String> files) {
        this.files = Map.copyOf(files);
    }

    /** Every path, sorted. */
    public List<String> paths() {
        return List.copyOf(new TreeMap<>(files).keySet());
    }

    /** The text of {@code path}, or empty when the submission has no such file. */
    public Optional<String> find(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /**
     * The text of {@code path}.
     *
     * @throws AssertionFailedError when the submission has no such file, so the check fails saying which file to add
     *                              rather than erring
     */
    public String text(String path) {
        return find(path).orElseThrow(() -> new AssertionFailedError(path + " is not in your submission (it has "
                + String.join(", ", paths()) + "): add it, starting from the exercise's " + path));
    }
}
