package dev.serverlesslab.graders.report.format;

import dev.serverlesslab.graders.report.CheckResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A check's message as the formats print it: the failure, then the author's hint on its own line; a hint of several
 * levels prints each on its own line, concept first, so a reader of a CI log can stop at the level that is enough.
 */
final class MessageText {

    private MessageText() {
    }

    static String of(CheckResult check) {
        String message = check.message() == null ? "" : check.message();
        List<String> lines = new ArrayList<>();
        if (!message.isEmpty()) {
            lines.add(message);
        }
        List<String> levels = check.hintLevels().stream().filter(level -> !level.isBlank()).toList();
        for (int i = 0; i < levels.size(); i++) {
            lines.add((levels.size() == 1 ? "Hint: " : "Hint " + (i + 1) + " of " + levels.size() + ": ")
                    + levels.get(i));
        }
        return String.join("\n", lines);
    }
}
