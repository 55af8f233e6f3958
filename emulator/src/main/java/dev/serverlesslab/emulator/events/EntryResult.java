package dev.serverlesslab.emulator.events;

/** The outcome of one PutEvents entry: an event id, or an error code and message. */
public record EntryResult(String eventId, String errorCode, String errorMessage) {

    static EntryResult ok(String eventId) {
        return new EntryResult(eventId, null, null);
    }

    static EntryResult failed(String code, String message) {
        return new EntryResult(null, code, message);
    }
}
