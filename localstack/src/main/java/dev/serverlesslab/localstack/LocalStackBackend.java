package dev.serverlesslab.localstack;

import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.backend.BackendUnavailableException;
import dev.serverlesslab.graders.check.EmulatorTime;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack started in Docker by Testcontainers for one grading session, and stopped when closed. Once started it
 * is an endpoint like any other, so accounts, region and credentials are the endpoint backend's.
 */
final class LocalStackBackend implements Backend {

    /** The last LocalStack image that starts without {@code LOCALSTACK_AUTH_TOKEN}. */
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";

    /** What the grader and the exercises' checks call; LocalStack starts only these, which keeps its start short. */
    static final List<String> SERVICES = List.of("lambda", "apigateway", "dynamodb", "kms", "ssm", "logs", "iam", "sts");

    static final String AUTH_TOKEN_VARIABLE = "LOCALSTACK_AUTH_TOKEN";

    private final LocalStackContainer container;
    private final Backend endpoint;

    private LocalStackBackend(LocalStackContainer container, AwsAccess access) {
        this.container = container;
        // LocalStack serves every region; the container's is only its default.
        this.endpoint = Backend.endpoint(container.getEndpoint(),
                new AwsAccess(Optional.of(access.regionOr(container.getRegion())), access.credentials(),
                        access.source()));
    }

    /**
     * Starts {@code image} with Testcontainers' own Docker detection and the auth token from the environment,
     * acting in {@code access}'s region and with its credentials (LocalStack maps them to an account).
     */
    static LocalStackBackend start(String image, AwsAccess access) {
        return start(image, Optional.ofNullable(System.getenv(AUTH_TOKEN_VARIABLE)),
                () -> DockerClientFactory.instance().isDockerAvailable(), access);
    }

    /**
     * Starts {@code image} once {@code dockerAvailable} says a Docker engine answers; without one it fails before
     * Testcontainers tries to start anything, so the person sees one sentence instead of a stack of retries.
     */
    static LocalStackBackend start(String image, Optional<String> authToken, BooleanSupplier dockerAvailable,
            AwsAccess access) {
        DockerImageName imageName = imageName(image);
        if (!dockerAvailable.getAsBoolean()) {
            throw new BackendUnavailableException("The localstack backend needs a Docker engine and none is reachable ("
                    + dockerWhereabouts() + "); use --backend embedded, or start Docker");
        }
        LocalStackContainer container = new LocalStackContainer(imageName).withServices(SERVICES.toArray(String[]::new));
        authToken.filter(token -> !token.isBlank()).ifPresent(token -> container.withEnv(AUTH_TOKEN_VARIABLE, token));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new BackendUnavailableException("LocalStack (" + image + ") did not start: " + e.getMessage()
                    + authTokenHint(image, authToken), e);
        }
        return new LocalStackBackend(container, access);
    }

    private static DockerImageName imageName(String image) {
        Objects.requireNonNull(image, "image");
        try {
            // Custom builds and mirrors of LocalStack are fine: they only have to behave like the official image.
            DockerImageName name = DockerImageName.parse(image);
            name.assertValid();
            return name.asCompatibleSubstituteFor("localstack/localstack");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + image + "' is not a Docker image name; use e.g. " + DEFAULT_IMAGE, e);
        }
    }

    /** Where Docker was looked for, so the person knows what to start or set. */
    private static String dockerWhereabouts() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return "DOCKER_HOST=" + dockerHost + " does not answer";
        }
        Path socket = Path.of("/var/run/docker.sock");
        return Files.exists(socket) ? socket + " does not answer" : "DOCKER_HOST is not set and there is no " + socket;
    }

    private static String authTokenHint(String image, Optional<String> authToken) {
        boolean defaultImage = image.equals(DEFAULT_IMAGE);
        return defaultImage || authToken.isPresent() ? ""
                : "; images newer than " + DEFAULT_IMAGE + " need " + AUTH_TOKEN_VARIABLE + " in the environment";
    }

    @Override
    public BackendCredentials newAccount() {
        return endpoint.newAccount();
    }

    @Override
    public BackendCredentials platformAccount() {
        return endpoint.platformAccount();
    }

    @Override
    public String name() {
        return "localstack";
    }

    @Override
    public URI endpoint() {
        return endpoint.endpoint();
    }

    @Override
    public String region() {
        return endpoint.region();
    }

    /** LocalStack's time is real time: checks that move the clock say they need Serverless Lab's emulator. */
    @Override
    public Optional<EmulatorTime> time() {
        return Optional.empty();
    }

    @Override
    public void close() {
        container.stop();
    }
}
