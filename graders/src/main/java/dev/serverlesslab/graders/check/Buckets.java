package dev.serverlesslab.graders.check;

import java.time.Duration;
import java.util.Optional;

/**
 * The grading's S3 buckets by the logical names {@code resources.buckets} gives them, with what checks of an
 * S3-triggered function repeat: put an object and wait until the function has run on it, read what it wrote. Checks
 * receive it as a test method parameter.
 *
 * <pre>{@code
 * @Test void thumbnailsAnUpload(Buckets buckets, DeployedFunction function) {
 *     buckets.putAndAwait("uploads", "incoming/cat.txt", "meow", function, Duration.ofSeconds(20));
 *     assertEquals(Optional.of("MEOW"), buckets.read("uploads", "processed/cat.txt"));
 * }
 * }</pre>
 * A name the exercise does not declare throws {@link IllegalArgumentException} listing the declared ones.
 */
public interface Buckets {

    /** Puts an object whose content is {@code content} in UTF-8; a refused put fails the check naming the object. */
    void put(String bucket, String key, String content);

    /**
     * Puts the object, then waits until {@code function} has run once more than it had before the put (the bucket's
     * notification invoking it) and answers its run count then. A put that fails (refused by S3, or never sent) or
     * leaves no object fails the check at once naming the object, without waiting. When {@code within} has passed
     * first, the check fails naming the object and how often the function ran.
     */
    int putAndAwait(String bucket, String key, String content, DeployedFunction function, Duration within);

    /** The object's content as UTF-8 text, or empty when there is no such key. */
    Optional<String> read(String bucket, String key);
}
