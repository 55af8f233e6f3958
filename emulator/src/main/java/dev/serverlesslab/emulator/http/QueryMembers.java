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
 * an array in index order; a map's entries ({@code .entry.N.Name} and {@code .entry.N.Value}, or {@code key} and
 * {@code value}) an object from each key to its value (null when the entry has none), as awsJson spells a map.
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
            Node entries = children.get("entry");
            if (children.size() == 1 && entries != null && !entries.children.isEmpty()
                    && entries.children.entrySet().stream().allMatch(e -> isIndex(e.getKey())
                            && e.getValue().mapKey() != null)) {
                Map<Integer, Node> byIndex = new TreeMap<>();
                entries.children.forEach((index, entry) -> byIndex.put(Integer.parseInt(index), entry));
                ObjectNode map = NODES.objectNode();
                byIndex.values().forEach(entry -> {
                    Node value = entry.children.getOrDefault("Value", entry.children.get("value"));
                    map.set(entry.mapKey(), value == null ? NODES.nullNode() : value.toJson());
                });
                return map;
            }
            ObjectNode object = NODES.objectNode();
            children.forEach((name, child) -> object.set(name, child.toJson()));
            return object;
        }

        /** The key of a map entry ({@code Name} or {@code key}, as the service's model names it); null if none. */
        String mapKey() {
            Node key = children.getOrDefault("Name", children.get("key"));
            return key == null || !key.children.isEmpty() || key.value == null ? null : key.value;
        }
    }

    private static boolean isIndex(String step) {
        return !step.isEmpty() && step.length() < 6 && step.chars().allMatch(Character::isDigit);
    }
}
