package dev.serverlesslab.exercises.exercise;

import java.util.List;

/**
 * Where an event goes, as an exercise writes it: {@code function} (the learner's function, when the exercise has
 * one), {@code function:NAME} (one of its {@code functions:}) or {@code kind:logical} naming a declared resource,
 * e.g. {@code queue:jobs}, {@code topic:orders}, {@code stateMachine:checkout}.
 *
 * @param logicalName empty for a plain {@code function}
 */
public record TargetRef(String kind, String logicalName) {

    /** The kinds a target may be, in the order messages name them. */
    public static final List<String> KINDS = List.of("function", "queue", "topic", "bus", "stateMachine", "stream");

    public static TargetRef function() {
        return new TargetRef("function", "");
    }

    public boolean isFunction() {
        return kind.equals("function");
    }

    /** The logical name of the function this target names: its own, or the exercise's only function's. */
    public String functionName(java.util.Collection<String> functions) {
        if (!isFunction()) {
            throw new IllegalStateException(text() + " is not a function");
        }
        return logicalName.isEmpty() ? functions.iterator().next() : logicalName;
    }

    /** As written in a descriptor. */
    public String text() {
        return logicalName.isEmpty() ? kind : kind + ":" + logicalName;
    }
}
