package dev.serverlesslab.emulator.stepfunctions.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where an execution's events go, in the order they happen; GetExecutionHistory reads them back. */
@FunctionalInterface
public interface History {

    /**
     * Records one event and answers its id.
     *
     * @param type AWS's event type, e.g. {@code TaskStateEntered}
     * @param previousEventId the id of the event this one follows in its branch, 0 for the first
     * @param details the event's details, or null when the type has none
     */
    long record(String type, long previousEventId, ObjectNode details);
}
