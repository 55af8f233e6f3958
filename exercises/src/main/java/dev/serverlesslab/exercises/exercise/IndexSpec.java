package dev.serverlesslab.exercises.exercise;

import java.util.Optional;

/**
 * A global secondary index of a declared table; it projects all attributes, so checks and handlers can read whole
 * items from it.
 *
 * @param sortKey null when the index has only a partition key
 */
public record IndexSpec(String name, KeyAttribute partitionKey, KeyAttribute sortKey) {

    /** The sort key, when the index has one. */
    public Optional<KeyAttribute> optionalSortKey() {
        return Optional.ofNullable(sortKey);
    }
}
