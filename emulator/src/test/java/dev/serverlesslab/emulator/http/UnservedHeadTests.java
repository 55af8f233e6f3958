package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.emulator.ExternalClients;
import dev.serverlesslab.emulator.kms.KmsBackend;
import dev.serverlesslab.emulator.ssm.SsmBackend;
import dev.serverlesslab.emulator.ssm.SsmHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A HEAD to a service this endpoint does not serve (here S3, on an edge serving only SSM) must not read as a missing
 * object: a HEAD answer has no body, so the status and headers alone must say the service is not supported.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnservedHeadTests {

    private EdgeServer edge;
    private URI endpoint;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new SsmHandler(new SsmBackend(new KmsBackend())))));
        endpoint = URI.create("http://127.0.0.1:" + edge.port());
    }

    @AfterAll
    void stop() {
        edge.close();
    }

    @Test
    void sdkHeadObjectAndHeadBucket_onAnUnservedService_failWith501NotNoSuchKey() {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            S3Exception object = assertThrows(S3Exception.class,
                    () -> s3.headObject(b -> b.bucket("reports").key("2024/summary.csv")));
            S3Exception bucket = assertThrows(S3Exception.class, () -> s3.headBucket(b -> b.bucket("reports")));

            assertFalse(object instanceof NoSuchKeyException, object.toString());
            assertFalse(bucket instanceof NoSuchBucketException, bucket.toString());
            assertEquals(501, object.statusCode());
            assertEquals(501, bucket.statusCode());
        }
    }

    @Test
    void rawHead_carriesTheCodeAndMessageInHeaders_andNoBody() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/reports/2024/summary.csv"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(501, response.statusCode());
        assertEquals("UnknownOperationException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        assertEquals("UnknownOperationException", response.headers().firstValue("x-amz-error-code").orElse(""));
        assertTrue(response.headers().firstValue("x-amz-error-message").orElse("").contains(
                "does not support the s3 service (HEAD /reports/2024/summary.csv); it serves: ssm"),
                response.headers().map().toString());
        assertEquals("", response.body());
    }

    @Test
    void awsCli_headObject_onAnUnservedService_saysNotImplemented() throws Exception {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed on this machine");

        ExternalClients.Result result = ExternalClients.run(ExternalClients.aws(endpoint.toString(), "s3api",
                "head-object", "--bucket", "reports", "--key", "summary.csv"));

        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("(501)") && result.output().contains("Not Implemented"), result.output());
        assertFalse(result.output().contains("404"), result.output());
    }
}
