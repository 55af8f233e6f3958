package dev.serverlesslab.graders.report.format;

import dev.serverlesslab.graders.report.CheckResult;

/** A check's message as the formats print it: the failure, then the author's hint on its own line. */
final class MessageText {

    private MessageText() {
    }

    static String of(CheckResult check) {
        String message = check.message() == null ? "" : check.message();
        if (check.hint() == null || check.hint().isBlank()) {
            return message;
        }
        return message.isEmpty() ? "Hint: " + check.hint() : message + "\nHint: " + check.hint();
    }
}
