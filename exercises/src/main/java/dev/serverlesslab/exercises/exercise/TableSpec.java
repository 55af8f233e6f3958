package dev.serverlesslab.exercises.exercise;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A DynamoDB table an exercise declares under {@code resources.tables}.
 *
 * @param logicalName the name the descriptor and the checks use, e.g. {@code orders}
 * @param sortKey     null when the table has only a partition key
 * @param indexes     global secondary indexes, by index name, in descriptor order
 * @param items       seed items as plain values: String, {@link java.math.BigDecimal}, Boolean, null, List, Map;
 *                    a {@code B} key attribute holds base64 text
 */
public record TableSpec(String logicalName, KeyAttribute partitionKey, KeyAttribute sortKey,
                        Map<String, IndexSpec> indexes, List<Map<String, Object>> items) {

    public TableSpec {
        indexes = Collections.unmodifiableMap(new LinkedHashMap<>(indexes));
        // Seed items may hold null attribute values, which List.copyOf and Map.copyOf refuse.
        List<Map<String, Object>> copies = new ArrayList<>();
        items.forEach(item -> copies.add(Collections.unmodifiableMap(new LinkedHashMap<>(item))));
        items = Collections.unmodifiableList(copies);
    }

    /** The sort key, when the table has one. */
    public Optional<KeyAttribute> optionalSortKey() {
        return Optional.ofNullable(sortKey);
    }

    /** Every key attribute of the table and its indexes, once per name: what AttributeDefinitions must list. */
    public Map<String, String> keyAttributeTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        types.put(partitionKey.name(), partitionKey.type());
        optionalSortKey().ifPresent(k -> types.put(k.name(), k.type()));
        for (IndexSpec index : indexes.values()) {
            types.putIfAbsent(index.partitionKey().name(), index.partitionKey().type());
            index.optionalSortKey().ifPresent(k -> types.putIfAbsent(k.name(), k.type()));
        }
        return Collections.unmodifiableMap(types);
    }
}
