package dev.serverlesslab.emulator.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.http.JsonRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Typed reads of one Kinesis request, whichever encoding it came in. */
final class KinesisRequest extends JsonRequest {

    private final KinesisWire.Encoding encoding;
    private final AccountRegion scope;

    KinesisRequest(JsonNode body, KinesisWire.Encoding encoding, AccountRegion scope) {
        super(body);
        this.encoding = encoding;
        this.scope = scope;
    }

    /**
     * The stream the request names by StreamName or StreamARN (the SDKs send either). An ARN must name a stream of
     * the caller's account and region; when both are sent they must agree.
     */
    String streamName() {
        return streamName("StreamName", "StreamARN");
    }

    String streamName(String nameField, String arnField) {
        if (has("StreamId")) {
            throw KinesisErrors.notEmulated("StreamId", "name the stream by StreamName or StreamARN");
        }
        String name = text(nameField);
        String arn = text(arnField);
        if (arn == null) {
            return name;
        }
        String fromArn = nameInArn(arn);
        if (name != null && !name.equals(fromArn)) {
            throw KinesisErrors.invalidArgument(nameField + " " + name + " and " + arnField + " " + arn
                    + " name different streams");
        }
        return fromArn;
    }

    /** The stream a required ARN member names (ResourceARN, UpdateStreamMode's StreamARN). */
    String streamInArn(String field) {
        if (has("StreamId")) {
            throw KinesisErrors.notEmulated("StreamId", "name the stream by " + field);
        }
        String arn = text(field);
        if (arn == null) {
            throw KinesisErrors.validation(Character.toLowerCase(field.charAt(0)) + field.substring(1), null,
                    "Member must not be null");
        }
        return nameInArn(arn);
    }

    /** The stream name in an ARN of this account and region: {@code arn:aws:kinesis:REGION:ACCOUNT:stream/NAME}. */
    String nameInArn(String arn) {
        String prefix = "arn:aws:kinesis:" + scope.region() + ":" + scope.accountId() + ":stream/";
        if (!arn.startsWith(prefix) || arn.length() == prefix.length()) {
            if (arn.matches("arn:aws[a-z-]*:kinesis:[^:]+:\\d{12}:stream/.+")) {
                throw KinesisErrors.streamNotFound(scope, arn.substring(arn.indexOf(":stream/") + 8));
            }
            throw KinesisErrors.invalidArgument(arn + " is not a stream ARN of this account and region: "
                    + prefix + "NAME");
        }
        return arn.substring(prefix.length());
    }

    int intValue(String field, int absent, int min, int max) {
        Integer value = wholeInt(field);
        if (value == null) {
            return absent;
        }
        if (value < min || value > max) {
            throw KinesisErrors.validation(Character.toLowerCase(field.charAt(0)) + field.substring(1), value,
                    "Member must have value between " + min + " and " + max);
        }
        return value;
    }

    /** A blob: a CBOR byte string, or base64 text in JSON; null when absent. */
    byte[] blob(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            if (value.isBinary() || value.isTextual()) {
                return value.binaryValue();
            }
        } catch (IOException | IllegalArgumentException e) {
            // Reported below.
        }
        throw wrongType(field, "a blob (base64 text in JSON)");
    }

    /** A timestamp member, or null when absent. */
    Instant timestamp(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : KinesisWire.timestamp(value, encoding);
    }

    /** A TagMap ({@code {"key":"value"}}); empty when absent. */
    Map<String, String> tagMap(String field) {
        Map<String, String> tags = new LinkedHashMap<>(stringMap(field));
        tags.forEach((key, value) -> {
            if (key.isEmpty() || key.length() > 128 || value.length() > 256) {
                throw KinesisErrors.invalidArgument("Tag keys must be 1 to 128 characters and values at most 256; "
                        + "got '" + key + "'");
            }
        });
        return tags;
    }

    /** A text member nested in an object member, e.g. StreamModeDetails.StreamMode; null when absent. */
    String nested(String field, String member) {
        JsonNode value = node().path(field).path(member);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(field + "." + member, "a string");
        }
        return value.asText();
    }

    /**
     * Refuses, by name, any member outside {@code served}: a setting the emulator does not honour is never accepted
     * and dropped.
     */
    void only(String... served) {
        Set<String> known = Set.of(served);
        node().fieldNames().forEachRemaining(member -> {
            if (!known.contains(member) && !node().get(member).isNull()) {
                throw KinesisErrors.notEmulated(member, "leave it out");
            }
        });
    }
}
