package dev.serverlesslab.graders.backend;

import java.util.Map;

/**
 * A backend kept in an optional module (e.g. {@code localstack}, with Testcontainers and docker-java), found through
 * {@link java.util.ServiceLoader} when it is asked for by name, so the default class path carries none of its jars.
 * Implementations are listed in {@code META-INF/services/dev.serverlesslab.graders.backend.BackendProvider}.
 */
public interface BackendProvider {

    /** The name {@code --backend} chooses this backend by, e.g. {@code localstack}. */
    String name();

    /**
     * Starts the backend.
     *
     * @param access  the region and credentials to act with
     * @param options the backend's own settings by name (the localstack backend reads {@code image}); empty values
     *                mean the backend's default
     * @throws BackendUnavailableException when what the backend needs (e.g. Docker) is not there
     * @throws IllegalArgumentException    naming an option whose value is wrong
     */
    Backend start(AwsAccess access, Map<String, String> options);
}
