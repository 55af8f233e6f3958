package dev.serverlesslab.graders.backend;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * A LocalStack-compatible endpoint somebody else runs; the grader only deploys to it and cleans up after itself.
 * With the person's own credentials ({@link AwsAccess}) every grading acts in their account, under names of its own;
 * without, each grading acts in a random account of its own (a 12-digit access key id, LocalStack's convention).
 */
final class EndpointBackend implements Backend {

    /** LocalStack's and the emulator's default region, used when nothing names one. */
    static final String DEFAULT_REGION = "us-east-1";

    private final URI endpoint;
    private final String region;
    private final SecureRandom random = new SecureRandom();
    private final BackendCredentials platform = BackendCredentials.randomLocalStackAccount(random);
    private final Optional<PersonCredentials> person;

    EndpointBackend(URI endpoint, AwsAccess access) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL such as http://127.0.0.1:4566, got " + endpoint);
        }
        this.endpoint = endpoint;
        this.region = access.regionOr(DEFAULT_REGION);
        this.person = access.credentials().map(provider -> new PersonCredentials(endpoint, region, provider));
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
        return person.map(PersonCredentials::get).orElseGet(() -> BackendCredentials.randomLocalStackAccount(random));
    }

    @Override
    public BackendCredentials platformAccount() {
        return person.map(PersonCredentials::get).orElse(platform);
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
