package dev.serverlesslab.graders.run;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK v2 clients checks may take as parameters ({@link DynamoDbClient}, {@link KmsClient}, {@link SsmClient},
 * {@link LambdaClient}, {@link CloudWatchLogsClient}), pointed at the grading's backend with the dummy credentials
 * emulators accept. Each is built the first time a check asks for it, shared by the grading's checks, and closed
 * with this object after them.
 */
public final class SdkClients implements AutoCloseable {

    private final URI endpoint;
    private final Region region;
    private final List<AutoCloseable> built = new ArrayList<>();

    public SdkClients(URI endpoint, String region) {
        this.endpoint = endpoint;
        this.region = Region.of(region);
    }

    /** A copy of {@code context} that also offers every client. */
    public CheckContext offerTo(CheckContext context) {
        return context
                .withSupplier(DynamoDbClient.class, once(() -> configure(DynamoDbClient.builder())))
                .withSupplier(KmsClient.class, once(() -> configure(KmsClient.builder())))
                .withSupplier(SsmClient.class, once(() -> configure(SsmClient.builder())))
                .withSupplier(LambdaClient.class, once(() -> configure(LambdaClient.builder())))
                .withSupplier(CloudWatchLogsClient.class, once(() -> configure(CloudWatchLogsClient.builder())));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    private <C extends AutoCloseable> Supplier<C> once(Supplier<C> factory) {
        return new Supplier<>() {
            private C client;

            @Override
            public C get() {
                synchronized (SdkClients.this) {
                    if (client == null) {
                        client = factory.get();
                        built.add(client);
                    }
                    return client;
                }
            }
        };
    }

    /** Closes the clients checks asked for; the others were never built. */
    @Override
    public synchronized void close() {
        for (AutoCloseable client : built) {
            try {
                client.close();
            } catch (Exception e) {
                // Closing only frees connections; a failure here cannot change any verdict.
            }
        }
        built.clear();
    }
}
