package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query protocol's flattened parameters ({@code Tags.member.2.Key=k}) as the tree of members they spell, so
 * that {@link RequiredMembers} checks them as it checks an awsJson body. A list's elements ({@code .member.N}) become
 * an array in index order; anything else (a map's {@code .entry.N}) stays an object, present but not looked into.
 */
final class QueryMembers {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private QueryMembers() {
    }

    static JsonNode tree(Map<String, String> parameters) {
        Node root = new Node();
        parameters.forEach((name, value) -> {
            Node node = root;
            for (String step : name.split("\\.")) {
                node = node.children.computeIfAbsent(step, s -> new Node());
            }
            node.value = value;
        });
        return root.toJson();
    }

    private static final class Node {
        private String value;
        private final Map<String, Node> children = new LinkedHashMap<>();

        JsonNode toJson() {
            if (children.isEmpty()) {
                return NODES.textNode(value == null ? "" : value);
            }
            Node members = children.get("member");
            if (children.size() == 1 && members != null && !members.children.isEmpty()
                    && members.children.keySet().stream().allMatch(QueryMembers::isIndex)) {
                Map<Integer, Node> byIndex = new TreeMap<>();
                members.children.forEach((index, element) -> byIndex.put(Integer.parseInt(index), element));
                ArrayNode list = NODES.arrayNode();
                byIndex.values().forEach(element -> list.add(element.toJson()));
                return list;
            }
            ObjectNode object = NODES.objectNode();
            children.forEach((name, child) -> object.set(name, child.toJson()));
            return object;
        }
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() < 6 && step.chars().allMatch(Character::isDigit);
    }
}
