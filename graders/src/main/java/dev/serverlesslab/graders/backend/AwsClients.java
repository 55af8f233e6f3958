package dev.serverlesslab.graders.backend;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The one place AWS SDK v2 clients for a backend are built: its endpoint and region, and the credentials of one
 * account (a grading's or the platform's). Provisioning, deployment, the checks' clients and Invoke all use it.
 */
public final class AwsClients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final URI endpoint;
    private final String region;
    private final BackendCredentials credentials;

    /** @param endpoint the URL every client is pointed at; null for real AWS, whose endpoints the SDK finds */
    public AwsClients(URI endpoint, String region, BackendCredentials credentials) {
        this.endpoint = endpoint;
        this.region = Objects.requireNonNull(region, "region");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** Clients for {@code backend} acting with {@code credentials}. */
    public AwsClients(Backend backend, BackendCredentials credentials) {
        this(backend.endpointOverride().orElse(null), backend.region(), credentials);
    }

    /** The URL clients are pointed at; empty for real AWS. */
    public java.util.Optional<URI> endpoint() {
        return java.util.Optional.ofNullable(endpoint);
    }

    public String region() {
        return region;
    }

    /** The account these clients act in. */
    public String accountId() {
        return credentials.accountId();
    }

    /** A client of any service, e.g. {@code clients.build(KmsClient.builder())}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return configure(builder, Region.of(region), http(READ_TIMEOUT)).build();
    }

    /** A client of a global service (IAM), whose SDK client wants the aws-global partition region. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C buildGlobal(B builder) {
        return configure(builder, Region.AWS_GLOBAL, http(READ_TIMEOUT)).build();
    }

    /**
     * A Lambda client whose reads wait long enough for the slowest invocation. Retries are off: retrying an
     * Invoke would run the learner's handler twice and blur what the check saw.
     */
    public LambdaClient lambda(Duration longestCall) {
        return configure(LambdaClient.builder(), Region.of(region), http(longestCall.plusSeconds(30)))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(B builder,
            Region clientRegion, SdkHttpClient http) {
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.region(clientRegion)
                .credentialsProvider(credentials.provider())
                .httpClient(http);
    }

    private static SdkHttpClient http(Duration readTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(readTimeout)
                .build();
    }
}
