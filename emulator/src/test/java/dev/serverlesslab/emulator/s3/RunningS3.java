package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * An emulator on a free port with S3 clients as tests use them: path style against its endpoint, and virtual-host
 * style against LocalStack's {@code s3.localhost.localstack.cloud} name resolved to this machine by the client.
 */
final class RunningS3 implements AutoCloseable {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    final Emulator emulator;
    final S3Client s3;
    final Path workDir;

    RunningS3(Path workDir) {
        this.workDir = workDir;
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        s3 = S3Client.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).forcePathStyle(true).build();
    }

    /** A client addressing buckets as {@code bucket.s3.localhost.localstack.cloud:port}, resolved to 127.0.0.1. */
    S3Client virtualHostClient() {
        return S3Client.builder()
                .endpointOverride(URI.create("http://s3.localhost.localstack.cloud:" + emulator.port()))
                .region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
                .httpClient(ApacheHttpClient.builder()
                        .dnsResolver(host -> new InetAddress[] {InetAddress.getLoopbackAddress()}).build())
                .build();
    }

    S3Presigner presigner() {
        return S3Presigner.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @Override
    public void close() {
        s3.close();
        emulator.close();
    }
}
