package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.core.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 error with the extra elements S3 puts beside Code and Message in its {@code <Error>} document
 * ({@code BucketName}, {@code Key}, {@code UploadId}...), which tools such as the aws CLI show.
 */
final class S3Exception extends AwsException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> details;

    S3Exception(String code, String message, int httpStatus, Map<String, String> details) {
        super(code, message, httpStatus);
        this.details = new LinkedHashMap<>(details);
    }

    /** The extra elements, in the order S3 writes them. */
    Map<String, String> details() {
        return details;
    }

    static S3Exception noSuchBucket(String bucket) {
        return new S3Exception("NoSuchBucket", "The specified bucket does not exist", 404,
                Map.of("BucketName", bucket));
    }

    static S3Exception noSuchKey(String key) {
        return new S3Exception("NoSuchKey", "The specified key does not exist.", 404, Map.of("Key", key));
    }

    static S3Exception noSuchUpload(String uploadId) {
        return new S3Exception("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, "
                + "or the upload may have been aborted or completed.", 404, Map.of("UploadId", uploadId));
    }

    static S3Exception invalidArgument(String message, String name, String value) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ArgumentName", name);
        details.put("ArgumentValue", value == null ? "" : value);
        return new S3Exception("InvalidArgument", message, 400, details);
    }

    static S3Exception invalidRequest(String message) {
        return new S3Exception("InvalidRequest", message, 400, Map.of());
    }

    static S3Exception malformedXml(String what) {
        return new S3Exception("MalformedXML", "The XML you provided was not well-formed or did not validate "
                + "against our published schema: " + what, 400, Map.of());
    }

    /** What S3 answers for a feature it does not implement; here also for what this emulator does not. */
    static S3Exception notImplemented(String what) {
        return new S3Exception("NotImplemented", "A header or operation you provided implies functionality that "
                + "is not implemented: " + what, 501, Map.of());
    }
}
