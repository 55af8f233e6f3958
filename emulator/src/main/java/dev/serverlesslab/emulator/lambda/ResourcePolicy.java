package dev.serverlesslab.emulator.lambda;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's (or one qualifier's) resource-based policy: its statements in the order they were added and the
 * RevisionId of the function version or alias it belongs to, which changes with each statement.
 *
 * @param statements each statement as IAM spells it ({@code Sid}, {@code Effect}, {@code Principal}, ...)
 */
public record ResourcePolicy(List<Map<String, Object>> statements, String revisionId) {

    /** The whole policy document GetPolicy returns as a string, members in IAM's order. */
    public Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Id", "default");
        document.put("Statement", statements);
        return document;
    }
}
