package dev.serverlesslab.emulator.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * S3 on the wire without an SDK in between: presigned GET and PUT URLs used with a plain HTTP connection (and
 * refused once the emulator's clock passes their expiry), S3's XML error document, and checksums.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3WireTests {

    private RunningS3 running;

    @BeforeAll
    void start(@TempDir Path workDir) {
        running = new RunningS3(workDir);
        running.s3.createBucket(b -> b.bucket("wire"));
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void presignedPut_thenPresignedGet_workWithAPlainHttpConnection() throws IOException {
        try (S3Presigner presigner = running.presigner()) {
            URL put = presigner.presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .putObjectRequest(r -> r.bucket("wire").key("shared/report.csv").contentType("text/csv")))
                    .url();
            HttpURLConnection upload = (HttpURLConnection) put.openConnection();
            upload.setRequestMethod("PUT");
            upload.setDoOutput(true);
            upload.setRequestProperty("Content-Type", "text/csv");
            try (OutputStream out = upload.getOutputStream()) {
                out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(200, upload.getResponseCode());

            URL get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("wire").key("shared/report.csv"))).url();
            HttpURLConnection download = (HttpURLConnection) get.openConnection();
            assertEquals(200, download.getResponseCode());
            assertEquals("text/csv", download.getContentType());
            try (InputStream in = download.getInputStream()) {
                assertEquals("a,b\n1,2\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void presignedUrl_isRefusedOnceTheEmulatorClockPassesItsExpiry() throws IOException {
        running.s3.putObject(b -> b.bucket("wire").key("soon-gone"), RequestBody.fromString("x"));
        URL get;
        try (S3Presigner presigner = running.presigner()) {
            get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(60))
                    .getObjectRequest(r -> r.bucket("wire").key("soon-gone"))).url();
        }
        running.emulator.clock().advance(Duration.ofSeconds(120));

        HttpURLConnection expired = (HttpURLConnection) get.openConnection();
        assertEquals(403, expired.getResponseCode());
        String error = new String(expired.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(error.contains("<Code>AccessDenied</Code><Message>Request has expired</Message>"), error);
    }

    @Test
    void missingBucket_answersS3sErrorDocumentNamingTheBucket() throws IOException {
        try (S3Presigner presigner = running.presigner()) {
            URL get = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(r -> r.bucket("no-such-bucket-here").key("k"))).url();
            HttpURLConnection connection = (HttpURLConnection) get.openConnection();
            assertEquals(404, connection.getResponseCode());
            assertEquals("application/xml", connection.getContentType());
            String error = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(error.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>NoSuchBucket</Code>"
                    + "<Message>The specified bucket does not exist</Message>"
                    + "<BucketName>no-such-bucket-here</BucketName><RequestId>"), error);
        }
    }

    @Test
    void checksumsSentWithAnUpload_areVerifiedAndReturnedWhenAskedFor() {
        running.s3.putObject(b -> b.bucket("wire").key("summed").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                RequestBody.fromString("integrity"));

        GetObjectResponse got = running.s3.getObject(b -> b.bucket("wire").key("summed")
                .checksumMode(ChecksumMode.ENABLED), (response, in) -> response);
        assertEquals("eFh8Qe2ZozdQItwovogvcrGmCKDax6qQDGH0iyuze+Y=", got.checksumSHA256(),
                "SHA-256 of 'integrity', base64");
        S3Exception corrupt = assertThrows(S3Exception.class, () -> running.s3.putObject(b -> b.bucket("wire")
                .key("corrupt").contentMD5("1B2M2Y8AsgTpgAmY7PhCfg=="), RequestBody.fromString("not empty")));
        assertEquals("BadDigest", corrupt.awsErrorDetails().errorCode());
    }
}
