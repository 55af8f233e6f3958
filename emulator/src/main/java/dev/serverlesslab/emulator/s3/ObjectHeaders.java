package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The object headers of S3's wire: system metadata and {@code x-amz-meta-*} read from uploads and written on reads,
 * the flexible checksum headers, settings this emulator refuses rather than ignore, conditional GETs and ranges.
 */
final class ObjectHeaders {

    /** System metadata S3 stores with an object and answers with. */
    static final List<String> SYSTEM = List.of("Content-Type", "Cache-Control", "Content-Disposition",
            "Content-Encoding", "Content-Language", "Expires");
    static final List<String> CHECKSUMS = List.of("CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256");
    private static final String META = "x-amz-meta-";

    /** A byte range to serve: {@code first} to {@code last} inclusive. */
    record Range(long first, long last) {

        long length() {
            return last - first + 1;
        }
    }

    private ObjectHeaders() {
    }

    static Map<String, String> system(AwsRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : SYSTEM) {
            String value = request.header(name);
            if (value != null) {
                // aws-chunked is how the body travelled, not how the object is encoded.
                if (name.equals("Content-Encoding")) {
                    value = String.join(",", List.of(value.split("\\s*,\\s*")).stream()
                            .filter(coding -> !coding.equalsIgnoreCase("aws-chunked")).toList());
                    if (value.isEmpty()) {
                        continue;
                    }
                }
                headers.put(name, value);
            }
        }
        return headers;
    }

    static Map<String, String> metadata(AwsRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.toLowerCase(Locale.ROOT).startsWith(META)) {
                metadata.put(name.substring(META.length()).toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        return metadata;
    }

    /** The {@code x-amz-checksum-*} values sent as headers or as trailers of an aws-chunked body. */
    static Map<String, String> checksums(AwsRequest request, Map<String, String> trailers) {
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String algorithm : CHECKSUMS) {
            String name = "x-amz-checksum-" + algorithm.toLowerCase(Locale.ROOT);
            String value = trailers.getOrDefault(name, request.header(name));
            if (value != null) {
                checksums.put(algorithm, value);
            }
        }
        return checksums;
    }

    /**
     * Refuses upload settings this emulator would otherwise have to ignore: storage classes other than STANDARD,
     * tagging, object lock, KMS and customer-key encryption, website redirects and ACLs that grant others access.
     */
    static void refuseUnsupported(AwsRequest request) {
        String storageClass = request.header("x-amz-storage-class");
        if (storageClass != null && !storageClass.equals("STANDARD")) {
            throw S3Exception.notImplemented("x-amz-storage-class " + storageClass + " (only STANDARD is emulated)");
        }
        for (String name : List.of("x-amz-tagging", "x-amz-object-lock-mode", "x-amz-object-lock-retain-until-date",
                "x-amz-object-lock-legal-hold", "x-amz-website-redirect-location",
                "x-amz-server-side-encryption-customer-algorithm", "x-amz-server-side-encryption-aws-kms-key-id",
                "x-amz-grant-read", "x-amz-grant-full-control", "x-amz-grant-read-acp", "x-amz-grant-write-acp")) {
            if (request.header(name) != null) {
                throw S3Exception.notImplemented(name + " (not emulated by Serverless Lab's emulator)");
            }
        }
        String encryption = request.header("x-amz-server-side-encryption");
        if (encryption != null && !encryption.equals("AES256")) {
            throw S3Exception.notImplemented("x-amz-server-side-encryption " + encryption + " (objects are stored "
                    + "as with S3's default AES256 encryption)");
        }
        String acl = request.header("x-amz-acl");
        if (acl != null && !acl.equals("private") && !acl.equals("bucket-owner-full-control")) {
            throw S3Exception.notImplemented("x-amz-acl " + acl + " (objects are private to the bucket owner)");
        }
    }

    /** An object's headers on GET and HEAD. */
    static AwsResponse describe(AwsResponse response, S3Object object, boolean withChecksums) {
        AwsResponse out = response.withHeader("ETag", object.quotedEtag())
                .withHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        object.lastModified().atZone(ZoneOffset.UTC)))
                .withHeader("Accept-Ranges", "bytes")
                .withHeader("Content-Type", object.contentType())
                .withHeader("x-amz-server-side-encryption", "AES256");
        for (Map.Entry<String, String> header : object.headers().entrySet()) {
            out = out.withHeader(header.getKey(), header.getValue());
        }
        for (Map.Entry<String, String> meta : object.metadata().entrySet()) {
            out = out.withHeader(META + meta.getKey(), meta.getValue());
        }
        if (withChecksums && !object.checksums().isEmpty()) {
            for (Map.Entry<String, String> checksum : object.checksums().entrySet()) {
                out = out.withHeader("x-amz-checksum-" + checksum.getKey().toLowerCase(Locale.ROOT),
                        checksum.getValue());
            }
            out = out.withHeader("x-amz-checksum-type", "FULL_OBJECT");
        }
        return out;
    }

    /**
     * Applies If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since as S3 does: 412 PreconditionFailed,
     * or 304 Not Modified (returned) for a GET or HEAD whose copy is current; null when the request goes ahead.
     */
    static AwsResponse preconditions(AwsRequest request, S3Object object) {
        String ifMatch = request.header("If-Match");
        String ifNoneMatch = request.header("If-None-Match");
        Instant modified = object.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (ifMatch != null && !etagMatches(ifMatch, object)) {
            throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not "
                    + "hold", 412, Map.of("Condition", "If-Match"));
        }
        Instant unmodifiedSince = date(request.header("If-Unmodified-Since"));
        if (ifMatch == null && unmodifiedSince != null && modified.isAfter(unmodifiedSince)) {
            throw new S3Exception("PreconditionFailed", "At least one of the pre-conditions you specified did not "
                    + "hold", 412, Map.of("Condition", "If-Unmodified-Since"));
        }
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, object)) {
            return notModified(object);
        }
        Instant modifiedSince = date(request.header("If-Modified-Since"));
        if (ifNoneMatch == null && modifiedSince != null && !modified.isAfter(modifiedSince)) {
            return notModified(object);
        }
        return null;
    }

    private static AwsResponse notModified(S3Object object) {
        return AwsResponse.empty(304).withHeader("ETag", object.quotedEtag());
    }

    private static boolean etagMatches(String header, S3Object object) {
        return List.of(header.split(",")).stream().map(String::trim)
                .anyMatch(tag -> tag.equals("*") || tag.replace("\"", "").equals(object.etag()));
    }

    private static Instant date(String header) {
        if (header == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The range a {@code Range: bytes=...} header asks for, or null for the whole object (also when the header is
     * not a single byte range, which S3 ignores); InvalidRange (416) when it starts past the end.
     */
    static Range range(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            long first;
            long last;
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix == 0) {
                    throw invalidRange(size);
                }
                first = Math.max(0, size - suffix);
                last = size - 1;
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
                if (last < first && !to.isEmpty()) {
                    return null;
                }
            }
            if (first >= size) {
                throw invalidRange(size);
            }
            return new Range(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3Exception invalidRange(long size) {
        return new S3Exception("InvalidRange", "The requested range is not satisfiable", 416,
                Map.of("ActualObjectSize", String.valueOf(size)));
    }
}
