package dev.serverlesslab.graders.check;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells the lines Lambda's platform writes around an invocation (START, END, REPORT, INIT_START, the timeout and
 * runtime-exit lines) from what the function printed itself. Checks use {@link Invocation#functionLog()}; this is
 * how it is computed.
 */
public final class PlatformLines {

    private static final Pattern TIMEOUT = Pattern.compile("\\S+ (\\S+) Task timed out after [\\d.]+ seconds");

    private PlatformLines() {
    }

    /**
     * The log without the lines the platform wrote for {@code requestId}. With {@code platformLines} from the
     * platform's own channel, exactly those lines are removed (one occurrence each, so a line the handler printed
     * stays); without them (null), every line shaped like a platform line of that request id is removed, which can
     * only take away from what the function is credited with, never add to it.
     */
    public static String functionLog(String log, String requestId, List<String> platformLines) {
        if (log == null || log.isEmpty()) {
            return "";
        }
        List<String> lines = new ArrayList<>(log.lines().toList());
        if (platformLines != null) {
            platformLines.forEach(lines::remove);
        } else {
            lines.removeIf(line -> isPlatformLine(line, requestId));
        }
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    /** True for a line shaped like one the platform writes for {@code requestId} (or any invocation when null). */
    public static boolean isPlatformLine(String line, String requestId) {
        String id = requestId;
        String text = line.strip();
        if (text.startsWith("INIT_START ") || text.equals("Runtime.ExitError")) {
            return true;
        }
        for (String kind : List.of("START", "END", "REPORT")) {
            String prefix = kind + " RequestId: ";
            if (text.startsWith(prefix) && (id == null || text.startsWith(prefix + id))) {
                return true;
            }
        }
        if (text.startsWith("RequestId: ") && text.contains(" Error: ")
                && (id == null || text.startsWith("RequestId: " + id + " "))) {
            return true;
        }
        var timeout = TIMEOUT.matcher(text);
        return timeout.matches() && (id == null || id.equals(timeout.group(1)));
    }

    /**
     * This invocation's platform lines out of a function's platform channel: from the START of {@code requestId} to
     * its REPORT. Empty when the channel has no REPORT for it (yet).
     */
    public static List<String> ofInvocation(List<String> functionPlatformLines, String requestId) {
        if (requestId == null) {
            return List.of();
        }
        String report = "REPORT RequestId: " + requestId;
        String start = "START RequestId: " + requestId;
        for (int end = functionPlatformLines.size() - 1; end >= 0; end--) {
            if (functionPlatformLines.get(end).startsWith(report)) {
                int first = end;
                while (first > 0 && !functionPlatformLines.get(first).startsWith(start)) {
                    first--;
                }
                return List.copyOf(functionPlatformLines.subList(first, end + 1));
            }
        }
        return List.of();
    }
}
