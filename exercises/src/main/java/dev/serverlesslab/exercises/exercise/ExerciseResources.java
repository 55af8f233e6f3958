package dev.serverlesslab.exercises.exercise;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an exercise's {@code resources} section declares, each map keyed by logical name in descriptor order.
 * A grading creates these with names unique to it before deploying the function, and deletes them afterwards.
 *
 * @param api empty when the function is not fronted by an API Gateway API
 * @param events buckets, queues, topics, buses, rules, schedules, state machines and streams
 */
public record ExerciseResources(Map<String, TableSpec> tables, Map<String, KeySpec> keys,
                                Map<String, ParameterSpec> parameters, RoleSpec role, Optional<ApiSpec> api,
                                EventResources events) {

    /** Resources without event-driven ones. */
    public ExerciseResources(Map<String, TableSpec> tables, Map<String, KeySpec> keys,
            Map<String, ParameterSpec> parameters, RoleSpec role, Optional<ApiSpec> api) {
        this(tables, keys, parameters, role, api, EventResources.none());
    }

    public ExerciseResources {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(events, "events");
    }

    /** What an exercise without a {@code resources} section gets: only the execution role. */
    public static ExerciseResources none() {
        return new ExerciseResources(Map.of(), Map.of(), Map.of(), RoleSpec.plain(), Optional.empty());
    }

    /** True when nothing beyond the always-created role is declared. */
    public boolean isEmpty() {
        return tables.isEmpty() && keys.isEmpty() && parameters.isEmpty() && api.isEmpty()
                && role.policies().isEmpty() && events.isEmpty();
    }
}
