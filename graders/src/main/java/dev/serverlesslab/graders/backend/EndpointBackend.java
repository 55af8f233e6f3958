package dev.serverlesslab.graders.backend;

import java.net.URI;
import java.util.Objects;

/** A LocalStack-compatible endpoint somebody else runs; the grader only deploys to it and cleans up after itself. */
record EndpointBackend(URI endpoint, String region) implements Backend {

    EndpointBackend {
        Objects.requireNonNull(endpoint, "endpoint");
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("endpoint must be an http(s) URL such as http://127.0.0.1:4566, got " + endpoint);
        }
    }

    @Override
    public String name() {
        return "endpoint";
    }

    @Override
    public void close() {
        // Nothing was started here: the endpoint's owner stops it.
    }
}
