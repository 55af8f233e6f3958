package dev.serverlesslab.graders.backend;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import dev.serverlesslab.exercises.exercise.Exercise;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Somewhere AWS-compatible to deploy learner functions to; every backend is reached through the AWS SDK with an
 * endpoint override, so the same checks run against any of them.
 */
public interface Backend extends AutoCloseable {

    /** A short name for people and reports: {@code embedded}, {@code endpoint}, {@code localstack}, {@code aws}. */
    String name();

    /** The AWS endpoint URL of this backend (for real AWS, Lambda's regional endpoint, which people read). */
    URI endpoint();

    /**
     * The URL every SDK client is pointed at; empty for real AWS, where each service has its own endpoint and the SDK
     * finds it from the region.
     */
    default Optional<URI> endpointOverride() {
        return Optional.of(endpoint());
    }

    /**
     * How long a just-created IAM role may take to be usable by Lambda: zero on emulators, some seconds on AWS, whose
     * IAM is eventually consistent.
     */
    default Duration rolePropagation() {
        return Duration.ZERO;
    }

    /**
     * Whether a grading may create its resources while the submission still compiles. On an emulator creating and
     * deleting them is quick and free, so a submission that does not compile has only wasted some local calls; in a
     * real AWS account (no endpoint override) a submission that does not compile creates nothing.
     */
    default boolean provisionsWhileCompiling() {
        return endpointOverride().isPresent();
    }

    /** How gradings on this backend name and tag what they create. */
    default ResourceNaming naming() {
        return ResourceNaming.PLAIN;
    }

    /**
     * Why this backend will not grade {@code exercise}, one sentence per reason; empty when it will. Checked before
     * anything is created, so a backend never half-creates what it cannot handle.
     */
    default List<String> refusals(Exercise exercise) {
        return List.of();
    }

    /** Told the id of a grading before it creates anything, so the backend can clean up after it if the JVM ends. */
    default void gradingStarted(String gradingId) {
    }

    /** Told a grading's teardown has run. */
    default void gradingFinished(String gradingId) {
    }

    /** The region the grader deploys into. */
    String region();

    /**
     * Where Lambda's own START/END/REPORT lines can be read apart from what handlers print, when this backend can
     * say; without it, the grader recognises platform lines by their shape in the logs (see {@code PlatformLines}).
     */
    default Optional<PlatformLog> platformLog() {
        return Optional.empty();
    }

    /**
     * The backend's clock, when checks can move it forward (Serverless Lab's emulator); empty for backends whose time
     * is real time (LocalStack, AWS).
     */
    default Optional<dev.serverlesslab.graders.check.EmulatorTime> time() {
        return Optional.empty();
    }

    /**
     * Credentials in a fresh account of their own, for one grading: nothing made with them is visible to another
     * grading, and a handler holding its grading's credentials can reach nothing else.
     */
    BackendCredentials newAccount();

    /** The platform's own account (the shared SDK layers live there); only the grader ever holds these. */
    BackendCredentials platformAccount();

    /** Stops what this backend started; an endpoint backend owns nothing and does nothing. */
    @Override
    void close();

    /**
     * Starts, in the background, what gradings of {@code exercises} would otherwise wait for on their first request
     * (the embedded emulator's DynamoDB Local, for exercises with tables or the DynamoDB SDK). Backends with nothing
     * of their own to start do nothing.
     */
    default void prepareFor(Collection<Exercise> exercises) {
    }

    /**
     * Completes when the backend is up, or exceptionally with the reason it could not start; a backend started in the
     * background ({@link #embeddedInBackground(Sandbox)}) begins its start here. Every other backend is up once made.
     */
    default java.util.concurrent.CompletableFuture<Void> started() {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Starts the embedded emulator in this JVM on a free loopback port, confining learner code as it detects. */
    static Backend embedded() {
        return EmbeddedBackend.start(EmbeddedBackend.config());
    }

    /**
     * Starts the embedded emulator confining learner code with {@code sandbox}: the one a command already detected
     * and told the person about ({@link Sandbox#detect()}).
     */
    static Backend embedded(Sandbox sandbox) {
        return EmbeddedBackend.start(EmbeddedBackend.config().withSandbox(sandbox));
    }

    /**
     * The embedded emulator, started on a thread of its own when the backend is first prepared for or used (so a
     * server answers pages meanwhile); uses wait for the start, and {@link #started()} tells when it is up or why it
     * could not start. Learner code is confined with {@code sandbox}, as {@link #embedded(Sandbox)} does.
     */
    static Backend embeddedInBackground(Sandbox sandbox) {
        return new BackgroundBackend(() -> embedded(sandbox));
    }

    /**
     * Uses an already running LocalStack-compatible endpoint, e.g. {@code ./lab emulator} or LocalStack, in
     * us-east-1 with a fresh account per grading.
     */
    static Backend endpoint(URI url) {
        return endpoint(url, AwsAccess.perGradingAccounts());
    }

    /** Uses an already running endpoint in {@code access}'s region (us-east-1 if none) with its credentials. */
    static Backend endpoint(URI url, AwsAccess access) {
        return new EndpointBackend(url, access);
    }

    /**
     * Starts a backend kept in an optional module (e.g. {@code localstack}), found by {@code name} through
     * {@link java.util.ServiceLoader} on this thread's context class loader.
     *
     * @throws BackendUnavailableException saying how to add the module when it is not on the class path, or what the
     *                                     backend lacks (e.g. Docker)
     */
    static Backend optional(String name, AwsAccess access, Map<String, String> options) {
        return OptionalBackends.start(name, access, options, Thread.currentThread().getContextClassLoader());
    }
}
