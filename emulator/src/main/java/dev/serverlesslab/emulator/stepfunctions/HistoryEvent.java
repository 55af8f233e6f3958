package dev.serverlesslab.emulator.stepfunctions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of GetExecutionHistory.
 *
 * @param details the type's details object, or null; written under {@link #detailsField()}
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, ObjectNode details) {

    /** Event types whose details field is not simply the type's name with {@code EventDetails} appended. */
    private static final Map<String, String> SHARED = Map.ofEntries(
            Map.entry("MapIterationStarted", "mapIterationStartedEventDetails"),
            Map.entry("MapIterationSucceeded", "mapIterationSucceededEventDetails"),
            Map.entry("MapIterationFailed", "mapIterationFailedEventDetails"),
            Map.entry("MapIterationAborted", "mapIterationAbortedEventDetails"),
            Map.entry("MapStateStarted", "mapStateStartedEventDetails"));

    /** The member of the HistoryEvent shape that holds this type's details, e.g. {@code taskScheduledEventDetails}. */
    public String detailsField() {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        String shared = SHARED.get(type);
        if (shared != null) {
            return shared;
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
