package dev.serverlesslab.emulator.events;

/** A target PutTargets or RemoveTargets could not take, as the answer's FailedEntries lists it. */
public record TargetFailure(String targetId, String errorCode, String errorMessage) {
}
