package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.EmulatorClock;
import dev.serverlesslab.emulator.core.Targets;
import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * SNS alone on a free port, with {@code sqs} and {@code lambda} targets that record what they are handed (the real
 * SQS is another service's), and an SDK client pointed at it.
 */
final class SnsFixture implements AutoCloseable {

    final EdgeServer edge;
    final SnsClient sns;
    final URI endpoint;
    final EmulatorClock clock = new EmulatorClock();
    final List<Targets.Delivery> delivered = new CopyOnWriteArrayList<>();
    final Targets targets = new Targets();
    private final SnsHandler handler;

    SnsFixture() {
        targets.register("sqs", delivered::add);
        targets.register("lambda", delivered::add);
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        endpoint = URI.create("http://127.0.0.1:" + edge.port());
        SnsBackend backend = new SnsBackend(targets, clock, endpoint.toString());
        targets.register("sns", new SnsTarget(backend));
        handler = new SnsHandler(backend);
        edge.start(new ServiceRouter(List.of(handler)));
        sns = SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** What the queue with this ARN was handed, oldest first. */
    List<Targets.Delivery> to(String arn) {
        return delivered.stream().filter(delivery -> delivery.targetArn().equals(arn)).toList();
    }

    @Override
    public void close() {
        sns.close();
        edge.close();
        handler.close();
    }
}
