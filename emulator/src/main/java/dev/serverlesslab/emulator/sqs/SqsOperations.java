package dev.serverlesslab.emulator.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import dev.serverlesslab.emulator.http.Operations;
import dev.serverlesslab.emulator.http.Protocol;
import dev.serverlesslab.emulator.http.RequiredMembers;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * SQS's operations on requests and answers in the JSON protocol's shapes: the JSON handler passes its body through,
 * and the query handler first turns its form parameters into the same shape ({@link QueryCodec}), so both wire
 * formats share one reading of every operation. Queue URLs are made and read here; state lives in {@link SqsBackend}.
 */
final class SqsOperations {

    private static final int MAX_BATCH = 10;

    private final SqsBackend backend;
    // SQS is not a Coral service: it answers MissingParameter "The request must contain the parameter QueueUrl.",
    // over both protocols, one parameter at a time (unlike the Coral services, which list every one): the first
    // missing, one inside a batch entry or a message attribute by its path (Entries.1.Id,
    // MessageAttributes.color.DataType).
    private final Operations<Operation> table = new Operations<>(Protocol.AWS_JSON_1_0, "AmazonSQS",
            RequiredMembers.of("sqs", missing -> SqsErrors.missingParameter(missing.get(0).path())));

    /** One operation on the request in the JSON protocol's shape; {@code url} makes a queue's URL. */
    @FunctionalInterface
    interface Operation {
        Map<String, Object> call(AccountRegion scope, Function<SqsQueue, String> url, JsonNode in);
    }

    SqsOperations(SqsBackend backend) {
        this.backend = backend;
        table.add("CreateQueue", (scope, url, in) ->
                Map.of("QueueUrl", url.apply(backend.createQueue(scope, required(in, "QueueName"),
                strings(in, "Attributes"), strings(in, "tags")))));
        table.add("GetQueueUrl", (scope, url, in) -> Map.of("QueueUrl", url.apply(backend.queue(owner(scope,
                text(in, "QueueOwnerAWSAccountId")), required(in, "QueueName")))));
        table.add("ListQueues", (scope, url, in) -> listQueues(scope, in, url));
        table.add("DeleteQueue", (scope, url, in) -> {
            SqsQueue queue = queue(scope, in);
            backend.deleteQueue(queue.scope, queue.name);
            return Map.of();
        });
        table.add("GetQueueAttributes", (scope, url, in) -> attributes(backend.getAttributes(queue(scope, in),
                names(in, "AttributeNames"))));
        table.add("SetQueueAttributes", (scope, url, in) -> {
            backend.setAttributes(queue(scope, in), strings(in, "Attributes"));
            return Map.of();
        });
        table.add("TagQueue", (scope, url, in) -> {
            queue(scope, in).tag(strings(in, "Tags"));
            return Map.of();
        });
        table.add("UntagQueue", (scope, url, in) -> {
            queue(scope, in).untag(names(in, "TagKeys"));
            return Map.of();
        });
        table.add("ListQueueTags", (scope, url, in) -> {
            Map<String, String> tags = queue(scope, in).tags();
            return tags.isEmpty() ? Map.of() : Map.of("Tags", tags);
        });
        table.add("PurgeQueue", (scope, url, in) -> {
            backend.purge(queue(scope, in));
            return Map.of();
        });
        table.add("SendMessage", (scope, url, in) ->
                sent(backend.send(queue(scope, in), sendRequest(scope, in)), null));
        table.add("SendMessageBatch", (scope, url, in) -> sendBatch(scope, in));
        table.add("ReceiveMessage", (scope, url, in) -> receive(scope, in));
        table.add("DeleteMessage", (scope, url, in) -> {
            backend.deleteMessage(queue(scope, in), text(in, "ReceiptHandle"));
            return Map.of();
        });
        table.add("DeleteMessageBatch", (scope, url, in) -> {
            SqsQueue queue = queue(scope, in);
            return batch(in, entry -> {
                backend.deleteMessage(queue, text(entry, "ReceiptHandle"));
                return Map.of();
            });
        });
        table.add("ChangeMessageVisibility", (scope, url, in) -> {
            backend.changeVisibility(queue(scope, in), text(in, "ReceiptHandle"),
                    integer(in, "VisibilityTimeout"));
            return Map.of();
        });
        table.add("ChangeMessageVisibilityBatch", (scope, url, in) -> {
            SqsQueue queue = queue(scope, in);
            return batch(in, entry -> {
                backend.changeVisibility(queue, text(entry, "ReceiptHandle"), integer(entry, "VisibilityTimeout"));
                return Map.of();
            });
        });
        table.add("ListDeadLetterSourceQueues", (scope, url, in) -> Map.of("queueUrls",
                backend.deadLetterSources(queue(scope, in)).stream().map(url).toList()));
    }

    /** The operations served, the one table both wire formats dispatch by. */
    Operations<Operation> table() {
        return table;
    }

    /**
     * Runs one operation of the {@link #table()}.
     *
     * @param baseUrl {@code http://host:port}, the address the request came to, for queue URLs
     */
    Map<String, Object> call(Operation operation, AccountRegion scope, String baseUrl, JsonNode in) {
        return operation.call(scope, queue -> baseUrl + "/" + queue.scope.accountId() + "/" + queue.name, in);
    }

    private Map<String, Object> listQueues(AccountRegion scope, JsonNode in, Function<SqsQueue, String> url) {
        List<SqsQueue> queues = backend.listQueues(scope, text(in, "QueueNamePrefix"));
        Integer max = integer(in, "MaxResults");
        String token = text(in, "NextToken");
        if (max != null && (max < 1 || max > 1000)) {
            throw SqsErrors.invalidParameter("Value " + max + " for parameter MaxResults is invalid. Reason: must "
                    + "be between 1 and 1000.");
        }
        int start = 0;
        if (token != null) {
            String after = new String(Base64.getUrlDecoder().decode(token), java.nio.charset.StandardCharsets.UTF_8);
            while (start < queues.size() && queues.get(start).name.compareTo(after) <= 0) {
                start++;
            }
        }
        int end = Math.min(queues.size(), start + (max == null ? 1000 : max));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("QueueUrls", queues.subList(start, end).stream().map(url).toList());
        if (max != null && end < queues.size()) {
            answer.put("NextToken", Base64.getUrlEncoder().encodeToString(
                    queues.get(end - 1).name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return answer;
    }

    private Map<String, Object> sendBatch(AccountRegion scope, JsonNode in) {
        SqsQueue queue = queue(scope, in);
        return batch(in, entry -> sent(backend.send(queue, sendRequest(scope, entry)), text(entry, "Id")));
    }

    private SendRequest sendRequest(AccountRegion scope, JsonNode in) {
        String traceHeader = null;
        for (Map.Entry<String, MessageAttribute> system : messageAttributes(in, "MessageSystemAttributes")
                .entrySet()) {
            if (!"AWSTraceHeader".equals(system.getKey()) || system.getValue().stringValue() == null) {
                throw SqsErrors.invalidParameter("Message system attribute name '" + system.getKey() + "' is "
                        + "invalid: the only one a sender can set is AWSTraceHeader, a String.");
            }
            traceHeader = system.getValue().stringValue();
        }
        return new SendRequest(text(in, "MessageBody"), integer(in, "DelaySeconds"),
                messageAttributes(in, "MessageAttributes"), traceHeader, text(in, "MessageGroupId"),
                text(in, "MessageDeduplicationId"), scope.accountId());
    }

    private static Map<String, Object> sent(SentMessage sent, String id) {
        Map<String, Object> answer = new LinkedHashMap<>();
        if (id != null) {
            answer.put("Id", id);
        }
        answer.put("MessageId", sent.messageId());
        answer.put("MD5OfMessageBody", sent.md5OfMessageBody());
        answer.put("MD5OfMessageAttributes", sent.md5OfMessageAttributes());
        answer.put("MD5OfMessageSystemAttributes", sent.md5OfMessageSystemAttributes());
        answer.put("SequenceNumber", sent.sequenceNumber());
        return answer;
    }

    private Map<String, Object> receive(AccountRegion scope, JsonNode in) {
        SqsQueue queue = queue(scope, in);
        Integer max = integer(in, "MaxNumberOfMessages");
        List<ReceivedMessage> received = backend.receive(queue, max == null ? 1 : max,
                integer(in, "VisibilityTimeout"), integer(in, "WaitTimeSeconds"));
        Set<String> systemNames = new HashSet<>(names(in, "AttributeNames"));
        systemNames.addAll(names(in, "MessageSystemAttributeNames"));
        List<String> attributeNames = names(in, "MessageAttributeNames");
        List<Map<String, Object>> messages = new ArrayList<>();
        for (ReceivedMessage message : received) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("MessageId", message.messageId());
            out.put("ReceiptHandle", message.receiptHandle());
            out.put("MD5OfBody", message.md5OfBody());
            out.put("Body", message.body());
            Map<String, String> system = new LinkedHashMap<>();
            message.attributes().forEach((name, value) -> {
                if (systemNames.contains("All") || systemNames.contains(name)) {
                    system.put(name, value);
                }
            });
            if (!system.isEmpty()) {
                out.put("Attributes", system);
            }
            Map<String, MessageAttribute> chosen = new LinkedHashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                if (selected(attributeNames, name)) {
                    chosen.put(name, value);
                }
            });
            if (!chosen.isEmpty()) {
                out.put("MD5OfMessageAttributes", MessageMd5.ofAttributes(chosen));
                Map<String, Object> attributes = new LinkedHashMap<>();
                chosen.forEach((name, value) -> attributes.put(name, attributeValue(value)));
                out.put("MessageAttributes", attributes);
            }
            messages.add(out);
        }
        return messages.isEmpty() ? Map.of() : Map.of("Messages", messages);
    }

    /** {@code All}, {@code .*}, a {@code prefix.*} or the exact name, as ReceiveMessage's MessageAttributeNames. */
    private static boolean selected(List<String> names, String name) {
        for (String wanted : names) {
            if (wanted.equals("All") || wanted.equals(".*") || wanted.equals(name)
                    || (wanted.endsWith(".*") && name.startsWith(wanted.substring(0, wanted.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> attributeValue(MessageAttribute value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("StringValue", value.stringValue());
        out.put("BinaryValue", value.binaryValue() == null ? null
                : Base64.getEncoder().encodeToString(value.binaryValue()));
        out.put("DataType", value.dataType());
        return out;
    }

    /** Runs each entry of a batch on its own: one entry's error is its own Failed entry, as AWS answers. */
    private static Map<String, Object> batch(JsonNode in, Function<JsonNode, Map<String, Object>> action) {
        JsonNode entries = in.path("Entries");
        if (!entries.isArray() || entries.isEmpty()) {
            throw SqsErrors.batch("EmptyBatchRequest", "There should be at least one entry in the request.");
        }
        if (entries.size() > MAX_BATCH) {
            throw SqsErrors.batch("TooManyEntriesInBatchRequest", "Maximum number of entries per request are "
                    + MAX_BATCH + ". You have sent " + entries.size() + ".");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : entries) {
            String id = entry.path("Id").asText("");
            if (!id.matches("[A-Za-z0-9_-]{1,80}")) {
                throw SqsErrors.batch("InvalidBatchEntryId", "A batch entry id can only contain alphanumeric "
                        + "characters, hyphens and underscores. It can be at most 80 letters long.");
            }
            if (!ids.add(id)) {
                throw SqsErrors.batch("BatchEntryIdsNotDistinct", "Id " + id + " repeated.");
            }
        }
        List<Map<String, Object>> successful = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        for (JsonNode entry : entries) {
            String id = entry.path("Id").asText();
            try {
                Map<String, Object> result = new LinkedHashMap<>(action.apply(entry));
                result.putIfAbsent("Id", id);
                successful.add(result);
            } catch (AwsException e) {
                if (e.code().equals("QueueDoesNotExist")) {
                    throw e;
                }
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("Id", id);
                failure.put("SenderFault", !e.isServerFault());
                failure.put("Code", e.code());
                failure.put("Message", e.getMessage());
                failed.add(failure);
            }
        }
        return Map.of("Successful", successful, "Failed", failed);
    }

    private static Map<String, Object> attributes(Map<String, String> attributes) {
        return attributes.isEmpty() ? Map.of() : Map.of("Attributes", attributes);
    }

    /** The queue a request's {@code QueueUrl} names: its last two path segments are the account and the name. */
    private SqsQueue queue(AccountRegion scope, JsonNode in) {
        String url = required(in, "QueueUrl");
        String path = url.replaceFirst("^[a-zA-Z]+://[^/]*", "");
        String[] segments = path.replaceAll("^/+|/+$", "").split("/");
        if (segments.length >= 2) {
            return backend.queue(owner(scope, segments[segments.length - 2]), segments[segments.length - 1]);
        }
        return backend.queue(scope, segments[0]);
    }

    private static AccountRegion owner(AccountRegion scope, String account) {
        return account == null || !account.matches("\\d{12}") ? scope : new AccountRegion(account, scope.region());
    }

    private static String required(JsonNode in, String field) {
        String value = text(in, field);
        if (value == null || value.isEmpty()) {
            throw SqsErrors.missingParameter(field);
        }
        return value;
    }

    private static String text(JsonNode in, String field) {
        JsonNode node = in.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw SqsErrors.invalidParameter("Value for parameter " + field + " must be a string.");
        }
        return node.asText();
    }

    /** A whole number, sent as a JSON number or (query protocol) as text; null when absent. */
    private static Integer integer(JsonNode in, String field) {
        JsonNode node = in.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        try {
            return Integer.parseInt(node.asText().strip());
        } catch (NumberFormatException e) {
            throw SqsErrors.invalidParameter("Value " + node.asText() + " for parameter " + field + " is invalid. "
                    + "Reason: must be a whole number.");
        }
    }

    private static List<String> names(JsonNode in, String field) {
        List<String> names = new ArrayList<>();
        in.path(field).forEach(node -> names.add(node.asText()));
        return names;
    }

    private static Map<String, String> strings(JsonNode in, String field) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.path(field).fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue().asText());
        }
        return map;
    }

    private static Map<String, MessageAttribute> messageAttributes(JsonNode in, String field) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = in.path(field).fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            String binary = text(value, "BinaryValue");
            byte[] bytes;
            try {
                bytes = binary == null ? null : Base64.getDecoder().decode(binary);
            } catch (IllegalArgumentException e) {
                throw SqsErrors.invalidParameter("The BinaryValue of message attribute '" + entry.getKey()
                        + "' is not base64.");
            }
            if (value.has("StringListValues") || value.has("BinaryListValues")) {
                throw SqsErrors.invalidParameter("StringListValues and BinaryListValues of message attribute '"
                        + entry.getKey() + "' are reserved by AWS and not supported; use StringValue or BinaryValue.");
            }
            attributes.put(entry.getKey(), new MessageAttribute(text(value, "DataType"), text(value, "StringValue"),
                    bytes));
        }
        return attributes;
    }
}
