package dev.serverlesslab.emulator.sqs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.http.Xml;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamException;

/**
 * SQS's query protocol, translated to and from the JSON protocol's shapes so {@link SqsOperations} reads one: flattened
 * form parameters ({@code Attribute.1.Name}, {@code MessageAttribute.1.Value.StringValue},
 * {@code SendMessageBatchRequestEntry.2.MessageBody}) become JSON maps, lists and entries, and answers become the
 * query model's XML, whose lists and maps are flattened ({@code <QueueUrl>} repeated, {@code <Attribute><Name>}).
 */
final class QueryCodec {

    static final String NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/";

    /** Operations whose query answer has no {@code <ActionResult>} element. */
    private static final Set<String> NO_RESULT = Set.of("DeleteQueue", "SetQueueAttributes", "TagQueue",
            "UntagQueue", "PurgeQueue", "DeleteMessage", "ChangeMessageVisibility");
    private static final Set<String> NAME_LISTS = Set.of("AttributeName", "MessageSystemAttributeName",
            "MessageAttributeName", "TagKey");

    private QueryCodec() {
    }

    /** The request's form parameters as the JSON protocol would carry them. */
    static ObjectNode toJson(Map<String, String> parameters, String action) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        Map<String, TreeMap<Integer, Map<String, String>>> grouped = new TreeMap<>();
        parameters.forEach((name, value) -> {
            String[] parts = name.split("\\.", 3);
            if (parts.length == 1 || !parts[1].matches("\\d{1,4}")) {
                out.put(name, value);
                return;
            }
            grouped.computeIfAbsent(parts[0], key -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(parts[1]), key -> new TreeMap<>())
                    .put(parts.length == 3 ? parts[2] : "", value);
        });
        grouped.forEach((prefix, members) -> {
            if (prefix.equals("Attribute")) {
                ObjectNode map = out.putObject("Attributes");
                members.values().forEach(m -> map.put(m.getOrDefault("Name", ""), m.getOrDefault("Value", "")));
            } else if (prefix.equals("Tag")) {
                ObjectNode map = out.putObject(action.equals("CreateQueue") ? "tags" : "Tags");
                members.values().forEach(m -> map.put(m.getOrDefault("Key", ""), m.getOrDefault("Value", "")));
            } else if (NAME_LISTS.contains(prefix)) {
                ArrayNode list = out.putArray(prefix + "s");
                members.values().forEach(m -> list.add(m.getOrDefault("", "")));
            } else if (prefix.equals("MessageAttribute") || prefix.equals("MessageSystemAttribute")) {
                ObjectNode map = out.putObject(prefix + "s");
                for (Map<String, String> m : members.values()) {
                    ObjectNode value = map.putObject(m.getOrDefault("Name", ""));
                    m.forEach((member, text) -> {
                        if (member.startsWith("Value.")) {
                            value.put(member.substring("Value.".length()), text);
                        }
                    });
                }
            } else if (prefix.endsWith("RequestEntry")) {
                ArrayNode entries = out.putArray("Entries");
                members.values().forEach(m -> entries.add(toJson(m, action)));
            } else {
                members.forEach((index, m) -> m.forEach((rest, text) ->
                        out.put(prefix + "." + index + (rest.isEmpty() ? "" : "." + rest), text)));
            }
        });
        return out;
    }

    /** The query protocol's XML answer for an operation's JSON-shaped result. */
    static byte[] toXml(String action, Map<String, Object> result, String requestId) {
        return Xml.document(true, xml -> {
            xml.start(action + "Response", NAMESPACE);
            if (!NO_RESULT.contains(action)) {
                xml.start(action + "Result");
                members(xml, action, result);
                xml.end();
            }
            xml.start("ResponseMetadata").element("RequestId", requestId).end();
            xml.end();
        });
    }

    private static void members(Xml xml, String action, Map<?, ?> members) throws XMLStreamException {
        for (Map.Entry<?, ?> member : members.entrySet()) {
            String name = String.valueOf(member.getKey());
            Object value = member.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    switch (name) {
                        case "Tags" -> xml.start("Tag").element("Key", String.valueOf(entry.getKey()))
                                .element("Value", String.valueOf(entry.getValue())).end();
                        case "MessageAttributes" -> {
                            xml.start("MessageAttribute").element("Name", String.valueOf(entry.getKey()))
                                    .start("Value");
                            members(xml, action, (Map<?, ?>) entry.getValue());
                            xml.end().end();
                        }
                        default -> xml.start("Attribute").element("Name", String.valueOf(entry.getKey()))
                                .element("Value", String.valueOf(entry.getValue())).end();
                    }
                }
            } else if (value instanceof List<?> list) {
                String element = switch (name) {
                    case "QueueUrls", "queueUrls" -> "QueueUrl";
                    case "Messages" -> "Message";
                    case "Successful" -> action + "ResultEntry";
                    case "Failed" -> "BatchResultErrorEntry";
                    default -> name;
                };
                for (Object item : list) {
                    if (item instanceof Map<?, ?> map) {
                        xml.start(element);
                        members(xml, action, map);
                        xml.end();
                    } else {
                        xml.element(element, String.valueOf(item));
                    }
                }
            } else {
                xml.element(name, String.valueOf(value));
            }
        }
    }
}
