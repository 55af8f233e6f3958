package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.YamlFields;
import dev.serverlesslab.content.YamlNode;
import dev.serverlesslab.content.YamlNode.Mapping;
import dev.serverlesslab.content.YamlNode.Scalar;
import dev.serverlesslab.content.YamlNode.Sequence;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table's seed items from plain YAML and checks their key attributes against the table's key schema, so a
 * typo fails when the course loads rather than as a DynamoDB ValidationException during a grading.
 */
final class SeedItems {

    private final YamlFields read;

    SeedItems(YamlFields read) {
        this.read = read;
    }

    List<Map<String, Object>> read(YamlNode node, String path, TableSpec table) {
        Sequence list = read.sequence(node, path, "items: [{orderId: o-1, total: 12}]");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            String field = path + "[" + i + "]";
            Mapping item = read.mapping(list.items().get(i), field, "{orderId: o-1, total: 12}");
            Map<String, Object> values = new LinkedHashMap<>();
            item.entries().forEach((name, value) -> values.put(name, plain(value, field + "." + name)));
            checkKeys(item, values, field, table);
            items.add(values);
        }
        return items;
    }

    private void checkKeys(Mapping item, Map<String, Object> values, String field, TableSpec table) {
        List<KeyAttribute> required = new ArrayList<>(List.of(table.partitionKey()));
        table.optionalSortKey().ifPresent(required::add);
        for (KeyAttribute key : required) {
            if (!values.containsKey(key.name())) {
                throw read.error(item.line(), field, "has no '" + key.name() + "': every item needs the "
                        + "table's key attributes (" + String.join(", ", required.stream().map(KeyAttribute::name)
                        .toList()) + ")");
            }
        }
        // Index keys are optional on an item (it is then left out of the index) but must have the declared type.
        table.keyAttributeTypes().forEach((name, type) -> {
            if (values.containsKey(name) && !matches(values.get(name), type)) {
                throw read.error(item.entries().get(name).line(), field + "." + name, "is a key attribute of "
                        + "type " + type + " (" + describe(type) + "), got " + shown(values.get(name)));
            }
        });
    }

    private static boolean matches(Object value, String type) {
        return switch (type) {
            case "S" -> value instanceof String text && !text.isEmpty();
            case "N" -> value instanceof BigDecimal;
            default -> value instanceof String text && !text.isEmpty() && isBase64(text);
        };
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(String type) {
        return switch (type) {
            case "S" -> "non-empty text";
            case "N" -> "a number";
            default -> "base64 text";
        };
    }

    private static String shown(Object value) {
        return value == null ? "nothing" : value instanceof String text ? "'" + text + "'" : value.toString();
    }

    private Object plain(YamlNode node, String field) {
        if (node instanceof Sequence list) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                values.add(plain(list.items().get(i), field + "[" + i + "]"));
            }
            return values;
        }
        if (node instanceof Mapping mapping) {
            Map<String, Object> values = new LinkedHashMap<>();
            mapping.entries().forEach((name, value) -> values.put(name, plain(value, field + "." + name)));
            return values;
        }
        Scalar scalar = (Scalar) node;
        if (scalar.isNull()) {
            return null;
        }
        if (scalar.type() == Scalar.Type.BOOLEAN) {
            return scalar.value();
        }
        if (scalar.type() == Scalar.Type.INTEGER || scalar.type() == Scalar.Type.FLOAT) {
            try {
                return new BigDecimal(scalar.text());
            } catch (NumberFormatException e) {
                throw read.error(node.line(), field, "DynamoDB numbers must be finite, got " + scalar.text()
                        + ": quote it to store it as text");
            }
        }
        return scalar.text();
    }
}
