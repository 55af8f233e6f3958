package dev.serverlesslab.emulator.kinesis;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * An emulator on a free port with a Kinesis SDK v2 client as a learner would build it, which records the content
 * type of every request it sends so a test can tell CBOR from JSON.
 */
final class KinesisEmulator implements AutoCloseable {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final Emulator emulator;
    final KinesisClient kinesis;
    final List<String> contentTypes = new CopyOnWriteArrayList<>();

    KinesisEmulator() {
        // The emulator's own temporary work directory, deleted when it closes.
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0));
        kinesis = KinesisClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context,
                            ExecutionAttributes attributes) {
                        context.httpRequest().firstMatchingHeader("Content-Type").ifPresent(contentTypes::add);
                    }
                }))
                .build();
    }

    @Override
    public void close() {
        kinesis.close();
        emulator.close();
    }
}
