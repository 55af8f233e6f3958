package dev.serverlesslab.emulator.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** S3 through the AWS SDK v2 as applications use it: buckets, objects, listings, copies and multipart uploads. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3SdkTests {

    private RunningS3 running;
    private S3Client s3;

    @BeforeAll
    void start(@TempDir Path workDir) {
        running = new RunningS3(workDir);
        s3 = running.s3;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void putObject_thenGet_returnsBodyContentTypeMetadataAndMd5Etag() throws Exception {
        s3.createBucket(b -> b.bucket("sdk-basics"));
        String etag = s3.putObject(b -> b.bucket("sdk-basics").key("docs/hello world.txt").contentType("text/plain")
                .metadata(Map.of("Author", "ada")), RequestBody.fromString("hello, s3")).eTag();

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket("sdk-basics")
                .key("docs/hello world.txt"));
        assertEquals("hello, s3", got.asUtf8String());
        assertEquals("text/plain", got.response().contentType());
        assertEquals(Map.of("author", "ada"), got.response().metadata());
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                .digest("hello, s3".getBytes(StandardCharsets.UTF_8)));
        assertEquals("\"" + md5 + "\"", etag);
        assertEquals(etag, got.response().eTag());
        HeadObjectResponse head = s3.headObject(b -> b.bucket("sdk-basics").key("docs/hello world.txt"));
        assertEquals(9L, head.contentLength());
        assertTrue(Files.list(running.workDir.resolve("s3")).findAny().isPresent(), "objects are kept on disk");
    }

    @Test
    void rangeGet_returnsThePartialContent() {
        s3.createBucket(b -> b.bucket("sdk-range"));
        s3.putObject(b -> b.bucket("sdk-range").key("digits"), RequestBody.fromString("0123456789"));

        ResponseBytes<GetObjectResponse> middle = s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("digits")
                .range("bytes=2-5"));
        assertEquals("2345", middle.asUtf8String());
        assertEquals("bytes 2-5/10", middle.response().contentRange());
        assertEquals("789", s3.getObjectAsBytes(b -> b.bucket("sdk-range").key("digits").range("bytes=-3"))
                .asUtf8String());
        S3Exception beyond = assertThrows(S3Exception.class, () -> s3.getObjectAsBytes(b -> b.bucket("sdk-range")
                .key("digits").range("bytes=20-")));
        assertEquals(416, beyond.statusCode());
    }

    @Test
    void listObjectsV2_rollsUpByDelimiter_andPagesWithContinuationTokens() {
        s3.createBucket(b -> b.bucket("sdk-list"));
        for (String key : List.of("a.txt", "photos/2024/x.jpg", "photos/2025/y.jpg", "photos/top.jpg", "z.txt")) {
            s3.putObject(b -> b.bucket("sdk-list").key(key), RequestBody.fromString(key));
        }

        ListObjectsV2Response folders = s3.listObjectsV2(b -> b.bucket("sdk-list").prefix("photos/").delimiter("/"));
        assertEquals(List.of("photos/top.jpg"), folders.contents().stream().map(S3Object::key).toList());
        assertEquals(List.of("photos/2024/", "photos/2025/"),
                folders.commonPrefixes().stream().map(CommonPrefix::prefix).toList());

        List<String> paged = s3.listObjectsV2Paginator(b -> b.bucket("sdk-list").maxKeys(2)).contents().stream()
                .map(S3Object::key).toList();
        assertEquals(List.of("a.txt", "photos/2024/x.jpg", "photos/2025/y.jpg", "photos/top.jpg", "z.txt"), paged);
        ListObjectsV2Response first = s3.listObjectsV2(b -> b.bucket("sdk-list").maxKeys(2));
        assertTrue(first.isTruncated());
        assertEquals(2, first.keyCount());

        List<String> v1 = new java.util.ArrayList<>();
        ListObjectsResponse page;
        do {
            String marker = v1.isEmpty() ? null : v1.get(v1.size() - 1);
            page = s3.listObjects(b -> b.bucket("sdk-list").maxKeys(2).marker(marker));
            page.contents().forEach(object -> v1.add(object.key()));
        } while (page.isTruncated());
        assertEquals(paged, v1, "ListObjects (v1) pages by marker");
    }

    @Test
    void copyObject_thenDeleteObjects_removesEveryListedKey() {
        s3.createBucket(b -> b.bucket("sdk-copy"));
        s3.putObject(b -> b.bucket("sdk-copy").key("original").metadata(Map.of("k", "v")),
                RequestBody.fromString("payload"));

        String etag = s3.copyObject(b -> b.sourceBucket("sdk-copy").sourceKey("original")
                .destinationBucket("sdk-copy").destinationKey("copy")).copyObjectResult().eTag();
        assertEquals(s3.headObject(b -> b.bucket("sdk-copy").key("original")).eTag(), etag);
        assertEquals("payload", s3.getObjectAsBytes(b -> b.bucket("sdk-copy").key("copy")).asUtf8String());
        assertEquals(Map.of("k", "v"), s3.headObject(b -> b.bucket("sdk-copy").key("copy")).metadata());

        List<String> deleted = s3.deleteObjects(b -> b.bucket("sdk-copy").delete(d -> d.objects(
                ObjectIdentifier.builder().key("original").build(), ObjectIdentifier.builder().key("copy").build())))
                .deleted().stream().map(d -> d.key()).toList();
        assertEquals(List.of("original", "copy"), deleted);
        assertEquals(0, s3.listObjectsV2(b -> b.bucket("sdk-copy")).keyCount());
        s3.deleteBucket(b -> b.bucket("sdk-copy"));
        assertThrows(NoSuchBucketException.class, () -> s3.headBucket(b -> b.bucket("sdk-copy")));
    }

    @Test
    void multipartUpload_joinsPartsInOrder_withTheMultipartEtag() {
        s3.createBucket(b -> b.bucket("sdk-multipart"));
        byte[] first = new byte[5 * 1024 * 1024];
        new Random(1).nextBytes(first);
        byte[] second = "the end".getBytes(StandardCharsets.UTF_8);
        String uploadId = s3.createMultipartUpload(b -> b.bucket("sdk-multipart").key("big.bin")).uploadId();

        String etag1 = s3.uploadPart(b -> b.bucket("sdk-multipart").key("big.bin").uploadId(uploadId).partNumber(1),
                RequestBody.fromBytes(first)).eTag();
        String etag2 = s3.uploadPart(b -> b.bucket("sdk-multipart").key("big.bin").uploadId(uploadId).partNumber(2),
                RequestBody.fromBytes(second)).eTag();
        assertEquals(List.of(1, 2), s3.listParts(b -> b.bucket("sdk-multipart").key("big.bin").uploadId(uploadId))
                .parts().stream().map(p -> p.partNumber()).toList());
        String etag = s3.completeMultipartUpload(b -> b.bucket("sdk-multipart").key("big.bin").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag1).build(),
                        CompletedPart.builder().partNumber(2).eTag(etag2).build()))).eTag();

        assertTrue(etag.endsWith("-2\""), etag);
        byte[] whole = s3.getObjectAsBytes(b -> b.bucket("sdk-multipart").key("big.bin")).asByteArray();
        assertEquals(first.length + second.length, whole.length);
        assertArrayEquals(second, java.util.Arrays.copyOfRange(whole, first.length, whole.length));
    }

    @Test
    void missingBucketsKeysAndNonEmptyDeletes_answerS3ErrorCodes() {
        assertThrows(NoSuchBucketException.class, () -> s3.listObjectsV2(b -> b.bucket("sdk-nowhere")));
        s3.createBucket(b -> b.bucket("sdk-errors"));
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(b -> b.bucket("sdk-errors").key("nope")));
        s3.putObject(b -> b.bucket("sdk-errors").key("keep"), RequestBody.fromString("x"));
        S3Exception notEmpty = assertThrows(S3Exception.class, () -> s3.deleteBucket(b -> b.bucket("sdk-errors")));
        assertEquals("BucketNotEmpty", notEmpty.awsErrorDetails().errorCode());
        assertEquals(409, notEmpty.statusCode());
    }

    @Test
    void operationsNotEmulated_answerNotImplementedNamingThem() {
        s3.createBucket(b -> b.bucket("sdk-unsupported"));
        S3Exception policy = assertThrows(S3Exception.class, () -> s3.putBucketPolicy(b -> b
                .bucket("sdk-unsupported").policy("{}")));
        assertEquals("NotImplemented", policy.awsErrorDetails().errorCode());
        assertEquals(501, policy.statusCode());
        assertTrue(policy.getMessage().contains("PutBucketPolicy"), policy.getMessage());
        S3Exception tagging = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket("sdk-unsupported")
                .key("k").tagging("a=b"), RequestBody.fromString("x")));
        assertTrue(tagging.getMessage().contains("x-amz-tagging"), tagging.getMessage());
    }

    @Test
    void bucketsOutsideUsEast1_needTheirLocationConstraint_andReportIt() {
        try (S3Client europe = S3Client.builder().endpointOverride(running.emulator.endpoint())
                .region(software.amazon.awssdk.regions.Region.EU_WEST_1).credentialsProvider(RunningS3.CREDENTIALS)
                .forcePathStyle(true).build()) {
            europe.createBucket(b -> b.bucket("sdk-europe").createBucketConfiguration(c -> c
                    .locationConstraint(BucketLocationConstraint.EU_WEST_1)));
            assertEquals(BucketLocationConstraint.EU_WEST_1,
                    europe.getBucketLocation(b -> b.bucket("sdk-europe")).locationConstraint());
        }
        assertTrue(s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals("sdk-europe")));
    }

    @Test
    void virtualHostStyle_addressesTheBucketByHostName() {
        try (S3Client virtual = running.virtualHostClient()) {
            virtual.createBucket(b -> b.bucket("sdk-virtual"));
            virtual.putObject(b -> b.bucket("sdk-virtual").key("dir/file.txt"), RequestBody.fromString("hosted"));
            assertEquals("hosted", virtual.getObjectAsBytes(b -> b.bucket("sdk-virtual").key("dir/file.txt"))
                    .asUtf8String());
        }
        assertEquals("hosted", s3.getObjectAsBytes(b -> b.bucket("sdk-virtual").key("dir/file.txt")).asUtf8String());
        assertFalse(s3.listObjectsV2(b -> b.bucket("sdk-virtual")).contents().isEmpty());
    }
}
