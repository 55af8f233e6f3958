package dev.serverlesslab.emulator.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.http.AwsRequest;
import dev.serverlesslab.emulator.http.AwsResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * TagResource, UntagResource and ListTagsOfResource, which DynamoDB Local does not implement: tags are kept here per
 * table ARN (in the caller's region and account), for tables DynamoDB Local says exist.
 */
final class TableTags {

    static final String TAG = "DynamoDB_20120810.TagResource";
    static final String UNTAG = "DynamoDB_20120810.UntagResource";
    static final String LIST = "DynamoDB_20120810.ListTagsOfResource";

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();

    static boolean handles(String target) {
        return TAG.equals(target) || UNTAG.equals(target) || LIST.equals(target);
    }

    /** @param tableExists asks DynamoDB Local whether the caller's account has this table */
    AwsResponse handle(AwsRequest request, Predicate<String> tableExists) {
        JsonNode in;
        try {
            in = json.readTree(request.body());
        } catch (IOException e) {
            throw new AwsException("SerializationException", "The request body is not JSON", 400);
        }
        String arn = in == null ? null : in.path("ResourceArn").asText(null);
        String table = tableOf(request.scope(), arn);
        if (!tableExists.test(table)) {
            throw new AwsException("ResourceNotFoundException", "Requested resource not found: ResourceArn: " + arn
                    + " not found", 400);
        }
        Map<String, String> current = tags.computeIfAbsent(arn, key -> new TreeMap<>());
        ObjectNode out = json.createObjectNode();
        synchronized (current) {
            switch (request.header("X-Amz-Target")) {
                case TAG -> {
                    if (!in.path("Tags").isArray() || in.path("Tags").isEmpty()) {
                        throw new AwsException("ValidationException", "Tags must be a non-empty list of Key/Value "
                                + "pairs", 400);
                    }
                    in.get("Tags").forEach(tag -> current.put(tag.path("Key").asText(), tag.path("Value").asText()));
                }
                case UNTAG -> in.path("TagKeys").forEach(key -> current.remove(key.asText()));
                default -> {
                    ArrayNode list = out.putArray("Tags");
                    current.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
                }
            }
        }
        return AwsResponse.json(200, out.toString().getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Type", "application/x-amz-json-1.0");
    }

    /** Forgets a deleted table's tags, so a table made again under the name starts without them. */
    void forget(AccountRegion scope, String tableName) {
        tags.remove(arnPrefix(scope) + tableName);
    }

    private static String tableOf(AccountRegion scope, String arn) {
        String prefix = arnPrefix(scope);
        if (arn == null || !arn.startsWith(prefix) || arn.length() == prefix.length()
                || arn.indexOf('/', prefix.length()) >= 0) {
            throw new AwsException("ValidationException", "ResourceArn must be a table ARN of this account and "
                    + "region, " + prefix + "<table>; got " + arn, 400);
        }
        return arn.substring(prefix.length());
    }

    private static String arnPrefix(AccountRegion scope) {
        return "arn:aws:dynamodb:" + scope.region() + ":" + scope.accountId() + ":table/";
    }
}
