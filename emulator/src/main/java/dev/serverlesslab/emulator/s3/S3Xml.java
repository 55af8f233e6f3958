package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.Xml;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * S3's XML documents: the answers the handler writes (through {@link Xml}) and the request bodies it reads, in the
 * element names of S3's model ({@code http://s3.amazonaws.com/doc/2006-03-01/}).
 */
final class S3Xml {

    static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private S3Xml() {
    }

    static AwsResponse ok(byte[] body) {
        return new AwsResponse(200, Map.of("Content-Type", "application/xml"), body);
    }

    /** S3's error document: Code, Message, the error's own details, RequestId and HostId. */
    static AwsResponse error(AwsException error, AwsRequest request) {
        Map<String, String> details = error instanceof S3Exception s3 ? s3.details() : Map.of();
        byte[] body = Xml.document(true, xml -> {
            xml.start("Error").element("Code", error.code()).element("Message", error.getMessage());
            for (Map.Entry<String, String> detail : details.entrySet()) {
                xml.element(detail.getKey(), detail.getValue());
            }
            xml.element("RequestId", request.requestId()).element("HostId", Notifications.hostId(request.requestId()))
                    .end();
        });
        return new AwsResponse(error.httpStatus(), Map.of("Content-Type", Protocol.REST_XML.contentType()), body);
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String sequencer(long value) {
        return HexFormat.of().withUpperCase().toHexDigits(value);
    }

    static byte[] listBuckets(String owner, List<Bucket> buckets) {
        return Xml.document(true, xml -> {
            xml.start("ListAllMyBucketsResult", NAMESPACE);
            owner(xml, owner);
            xml.start("Buckets");
            for (Bucket bucket : buckets) {
                xml.start("Bucket").element("Name", bucket.name())
                        .element("CreationDate", timestamp(bucket.created())).end();
            }
            xml.end().end();
        });
    }

    static byte[] location(String region) {
        // S3 answers an empty constraint for us-east-1, its original region.
        return Xml.document(true, xml -> xml.element("LocationConstraint",
                S3Backend.US_EAST_1.equals(region) ? "" : region));
    }

    /** A ListObjects (v1) or ListObjectsV2 page; keys and prefixes URL-encoded when {@code encodingType=url}. */
    static byte[] listObjects(boolean v2, String bucket, ListQuery query, ListQuery.Page page,
            Map<String, String> echoed, String encodingType, String owner) {
        UnaryOperator<String> encode = "url".equals(encodingType)
                ? text -> text == null ? null : URLEncoder.encode(text, StandardCharsets.UTF_8).replace("%2F", "/")
                : UnaryOperator.identity();
        return Xml.document(true, xml -> {
            xml.start("ListBucketResult", NAMESPACE).element("Name", bucket)
                    .element("Prefix", encode.apply(query.prefix()));
            for (Map.Entry<String, String> entry : echoed.entrySet()) {
                if (entry.getValue() != null) {
                    boolean encoded = entry.getKey().equals("Marker") || entry.getKey().equals("StartAfter")
                            || entry.getKey().equals("NextMarker");
                    xml.element(entry.getKey(), encoded ? encode.apply(entry.getValue()) : entry.getValue());
                }
            }
            if (v2) {
                xml.element("KeyCount", String.valueOf(page.objects().size() + page.commonPrefixes().size()));
            }
            xml.element("MaxKeys", String.valueOf(query.maxKeys()));
            if (query.delimiter() != null) {
                xml.element("Delimiter", encode.apply(query.delimiter()));
            }
            if (encodingType != null) {
                xml.element("EncodingType", encodingType);
            }
            xml.element("IsTruncated", String.valueOf(page.truncated()));
            for (S3Object object : page.objects()) {
                xml.start("Contents").element("Key", encode.apply(object.key()))
                        .element("LastModified", timestamp(object.lastModified()))
                        .element("ETag", object.quotedEtag())
                        .element("Size", String.valueOf(object.size()));
                if (!v2) {
                    owner(xml, owner);
                }
                xml.element("StorageClass", "STANDARD").end();
            }
            for (String prefix : page.commonPrefixes()) {
                xml.start("CommonPrefixes").element("Prefix", encode.apply(prefix)).end();
            }
            xml.end();
        });
    }

    static byte[] copyResult(String element, S3Object object) {
        return Xml.document(true, xml -> xml.start(element, NAMESPACE)
                .element("LastModified", timestamp(object.lastModified()))
                .element("ETag", object.quotedEtag()).end());
    }

    static byte[] initiated(String bucket, String key, String uploadId) {
        return Xml.document(true, xml -> xml.start("InitiateMultipartUploadResult", NAMESPACE)
                .element("Bucket", bucket).element("Key", key).element("UploadId", uploadId).end());
    }

    static byte[] completed(String location, String bucket, S3Object object) {
        return Xml.document(true, xml -> xml.start("CompleteMultipartUploadResult", NAMESPACE)
                .element("Location", location).element("Bucket", bucket).element("Key", object.key())
                .element("ETag", object.quotedEtag()).end());
    }

    static byte[] listParts(String bucket, MultipartUpload upload, List<MultipartUpload.Part> parts, int marker,
            int maxParts, boolean truncated, String owner) {
        return Xml.document(true, xml -> {
            xml.start("ListPartsResult", NAMESPACE).element("Bucket", bucket).element("Key", upload.key())
                    .element("UploadId", upload.uploadId());
            xml.start("Initiator").element("ID", owner).element("DisplayName", owner).end();
            owner(xml, owner);
            xml.element("StorageClass", "STANDARD")
                    .element("PartNumberMarker", String.valueOf(marker))
                    .element("NextPartNumberMarker", parts.isEmpty() ? String.valueOf(marker)
                            : String.valueOf(parts.get(parts.size() - 1).number()))
                    .element("MaxParts", String.valueOf(maxParts))
                    .element("IsTruncated", String.valueOf(truncated));
            for (MultipartUpload.Part part : parts) {
                xml.start("Part").element("PartNumber", String.valueOf(part.number()))
                        .element("LastModified", timestamp(part.lastModified()))
                        .element("ETag", "\"" + part.etag() + "\"")
                        .element("Size", String.valueOf(part.size())).end();
            }
            xml.end();
        });
    }

    /** One key of a DeleteObjects answer: deleted, or refused with an error code. */
    record DeleteOutcome(String key, String code, String message) {
    }

    static byte[] deleteResult(List<DeleteOutcome> outcomes, boolean quiet) {
        return Xml.document(true, xml -> {
            xml.start("DeleteResult", NAMESPACE);
            for (DeleteOutcome outcome : outcomes) {
                if (outcome.code() == null) {
                    if (!quiet) {
                        xml.start("Deleted").element("Key", outcome.key()).end();
                    }
                } else {
                    xml.start("Error").element("Key", outcome.key()).element("Code", outcome.code())
                            .element("Message", outcome.message()).end();
                }
            }
            xml.end();
        });
    }

    static byte[] notifications(NotificationConfiguration configuration) {
        return Xml.document(true, xml -> {
            xml.start("NotificationConfiguration", NAMESPACE);
            for (NotificationConfiguration.Destination destination : configuration.destinations()) {
                xml.start(destination.kind().element).element("Id", destination.id())
                        .element(destination.kind().arnElement, destination.arn());
                for (String event : destination.events()) {
                    xml.element("Event", event);
                }
                if (destination.prefix() != null || destination.suffix() != null) {
                    xml.start("Filter").start("S3Key");
                    if (destination.prefix() != null) {
                        xml.start("FilterRule").element("Name", "Prefix").element("Value", destination.prefix()).end();
                    }
                    if (destination.suffix() != null) {
                        xml.start("FilterRule").element("Name", "Suffix").element("Value", destination.suffix()).end();
                    }
                    xml.end().end();
                }
                xml.end();
            }
            xml.end();
        });
    }

    /**
     * Reads a NotificationConfiguration body. EventBridgeConfiguration is refused by name: this emulator does not
     * send S3 events to EventBridge.
     */
    static NotificationConfiguration parseNotifications(byte[] body, java.util.function.Supplier<String> ids) {
        if (body.length == 0) {
            return NotificationConfiguration.EMPTY;
        }
        XmlElement root = XmlElement.parse(body);
        if (root.child("EventBridgeConfiguration") != null) {
            throw S3Exception.notImplemented("EventBridgeConfiguration (Serverless Lab's emulator delivers S3 "
                    + "notifications to Lambda functions, SQS queues and SNS topics only)");
        }
        List<NotificationConfiguration.Destination> destinations = new ArrayList<>();
        for (NotificationConfiguration.Kind kind : NotificationConfiguration.Kind.values()) {
            for (XmlElement element : root.all(kind.element)) {
                String arn = element.text(kind.arnElement);
                if (arn == null || arn.isEmpty()) {
                    throw S3Exception.malformedXml(kind.element + " has no " + kind.arnElement);
                }
                List<String> events = element.all("Event").stream().map(XmlElement::text).toList();
                if (events.isEmpty()) {
                    throw S3Exception.malformedXml(kind.element + " has no Event");
                }
                String prefix = null;
                String suffix = null;
                XmlElement key = element.child("Filter") == null ? null : element.child("Filter").child("S3Key");
                for (XmlElement rule : key == null ? List.<XmlElement>of() : key.all("FilterRule")) {
                    String name = rule.text("Name") == null ? "" : rule.text("Name").toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "prefix" -> prefix = rule.text("Value");
                        case "suffix" -> suffix = rule.text("Value");
                        default -> throw S3Exception.invalidArgument("FilterRule name must be either prefix or "
                                + "suffix", "FilterRule.Name", rule.text("Name"));
                    }
                }
                String id = element.text("Id");
                destinations.add(new NotificationConfiguration.Destination(id == null || id.isEmpty() ? ids.get() : id,
                        kind, arn, events, prefix, suffix));
            }
        }
        return new NotificationConfiguration(destinations);
    }

    private static void owner(Xml xml, String owner) throws javax.xml.stream.XMLStreamException {
        xml.start("Owner").element("ID", owner).element("DisplayName", owner).end();
    }
}
