package dev.serverlesslab.graders.backend;

import java.net.URI;

/**
 * Somewhere AWS-compatible to deploy learner functions to; every backend is reached through the AWS SDK with an
 * endpoint override, so the same checks run against any of them.
 */
public interface Backend extends AutoCloseable {

    /** A short name for people and reports: {@code embedded}, {@code endpoint}. */
    String name();

    /** The AWS endpoint URL of this backend. */
    URI endpoint();

    /** The region the grader deploys into. */
    String region();

    /** Stops what this backend started; an endpoint backend owns nothing and does nothing. */
    @Override
    void close();

    /** Starts the embedded emulator in this JVM on a free loopback port. */
    static Backend embedded() {
        return EmbeddedBackend.start();
    }

    /** Uses an already running LocalStack-compatible endpoint, e.g. {@code ./lab emulator} or LocalStack. */
    static Backend endpoint(URI url) {
        return new EndpointBackend(url, "us-east-1");
    }
}
