package dev.serverlesslab.graders.backend;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Builds AWS SDK v2 clients pointed at a backend, with the dummy credentials emulators accept. */
public final class AwsClients {

    private final Backend backend;

    public AwsClients(Backend backend) {
        this.backend = backend;
    }

    /**
     * A Lambda client whose reads wait long enough for the slowest invocation. Retries are off: retrying an
     * Invoke would run the learner's handler twice and blur what the check saw.
     */
    public LambdaClient lambda(Duration longestCall) {
        return LambdaClient.builder()
                .endpointOverride(backend.endpoint())
                .region(Region.of(backend.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(longestCall.plusSeconds(30))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
    }
}
