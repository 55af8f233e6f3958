package dev.serverlesslab.emulator.sns;

import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the query protocol flattens SNS's maps and lists into form parameters: {@code Attributes.entry.1.key},
 * {@code Tags.member.1.Key}, {@code MessageAttributes.entry.1.Value.DataType},
 * {@code PublishBatchRequestEntries.member.1.Message}; read back into maps, lists and requests.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /** A string map such as {@code Attributes.entry.N.key/value}. */
    static Map<String, String> map(Map<String, String> in, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String prefix : indexes(in, name + ".entry.", ".key")) {
            out.put(in.get(prefix + "key"), in.getOrDefault(prefix + "value", ""));
        }
        return out;
    }

    /** {@code Tags.member.N.Key/Value}. */
    static Map<String, String> tags(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String prefix : indexes(in, "Tags.member.", ".Key")) {
            out.put(in.get(prefix + "Key"), in.getOrDefault(prefix + "Value", ""));
        }
        return out;
    }

    /** A string list such as {@code TagKeys.member.N}. */
    static List<String> list(Map<String, String> in, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; in.containsKey(name + ".member." + i); i++) {
            out.add(in.get(name + ".member." + i));
        }
        return out;
    }

    /**
     * The prefixes {@code <base>1.}, {@code <base>2.}... for as long as {@code <prefix><marker>} is present, e.g.
     * {@code Attributes.entry.1.} while {@code Attributes.entry.1.key} exists.
     */
    static List<String> indexes(Map<String, String> in, String base, String marker) {
        List<String> prefixes = new ArrayList<>();
        for (int i = 1; in.containsKey(base + i + marker); i++) {
            prefixes.add(base + i + ".");
        }
        return prefixes;
    }

    /** A Publish request, or one PublishBatch entry when {@code prefix} is the entry's. */
    static Publisher.Request publishRequest(String topicArn, Map<String, String> in, String prefix) {
        return new Publisher.Request(topicArn, in.get(prefix + "Message"), in.get(prefix + "Subject"),
                in.get(prefix + "MessageStructure"), messageAttributes(in, prefix + "MessageAttributes"),
                in.get(prefix + "MessageGroupId"), in.get(prefix + "MessageDeduplicationId"));
    }

    /** {@code MessageAttributes.entry.N.Name} with {@code .Value.DataType/StringValue/BinaryValue}, checked. */
    static Map<String, MessageAttribute> messageAttributes(Map<String, String> in, String name) {
        Map<String, MessageAttribute> out = new LinkedHashMap<>();
        for (String prefix : indexes(in, name + ".entry.", ".Name")) {
            String attribute = in.get(prefix + "Name");
            String type = in.get(prefix + "Value.DataType");
            String text = in.get(prefix + "Value.StringValue");
            String binary = in.get(prefix + "Value.BinaryValue");
            out.put(attribute, attribute(attribute, type, text, binary));
        }
        return out;
    }

    private static MessageAttribute attribute(String name, String type, String text, String binary) {
        if (type == null || !(type.startsWith("String") || type.startsWith("Number") || type.startsWith("Binary"))) {
            throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' has an invalid message "
                    + "attribute type, the set of supported type prefixes is Binary, Number, and String.");
        }
        if (type.startsWith("Binary")) {
            if (binary == null || binary.isEmpty()) {
                throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' must contain non-empty "
                        + "message attribute value for message attribute type '" + type + "'.");
            }
            return new MessageAttribute(type, null, Base64.getDecoder().decode(binary));
        }
        if (text == null || text.isEmpty()) {
            throw SnsErrors.invalidParameterValue("The message attribute '" + name + "' must contain non-empty "
                    + "message attribute value for message attribute type '" + type + "'.");
        }
        if (type.startsWith("Number")) {
            try {
                new BigDecimal(text.strip());
            } catch (NumberFormatException e) {
                throw SnsErrors.invalidParameterValue("Could not cast message attribute '" + name
                        + "' value to number.");
            }
        }
        return new MessageAttribute(type, text, null);
    }
}
