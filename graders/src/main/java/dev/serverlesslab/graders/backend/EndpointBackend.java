package dev.serverlesslab.graders.backend;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A LocalStack-compatible endpoint somebody else runs; the grader only deploys to it and cleans up after itself.
 * Each grading acts in a random account of its own (a 12-digit access key id, LocalStack's convention).
 */
final class EndpointBackend implements Backend {

    private final URI endpoint;
    private final String region;
    private final SecureRandom random = new SecureRandom();
    private final BackendCredentials platform = BackendCredentials.randomLocalStackAccount(random);

    EndpointBackend(URI endpoint, String region) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL such as http://127.0.0.1:4566, got " + endpoint);
        }
        this.endpoint = endpoint;
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public BackendCredentials newAccount() {
        return BackendCredentials.randomLocalStackAccount(random);
    }

    @Override
    public BackendCredentials platformAccount() {
        return platform;
    }

    /**
     * A standalone Serverless Lab emulator ({@code ./lab emulator}) serves its clock at
     * {@code /_serverlesslab/clock}; another endpoint answers that path with an error, which a check asking to move
     * time then reports.
     */
    @Override
    public Optional<dev.serverlesslab.graders.check.EmulatorTime> time() {
        return Optional.of(new EndpointClock(endpoint));
    }

    @Override
    public void close() {
        // Nothing was started here: the endpoint's owner stops it.
    }
}
