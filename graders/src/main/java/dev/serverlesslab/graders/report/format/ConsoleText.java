package dev.serverlesslab.graders.report.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Learner text made inert for a terminal or a CI log: control characters (ANSI escapes, bare carriage returns, bell,
 * NUL), C1 controls and bidirectional overrides are shown escaped ({@code \x1b}, {@code \r}, {@code \u202e}), and
 * lines that GitHub Actions would read as a workflow command ({@code ::error ...::} at the start after blanks, or
 * {@code ##[command]} anywhere, as the runner's {@code ActionCommand.TryParseV2}/{@code TryParse} accept them) get a
 * backslash that breaks the syntax while staying readable.
 */
public final class ConsoleText {

    private ConsoleText() {
    }

    /** {@code text} as one printable line: a line break inside it is shown as {@code \n}. */
    public static String line(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> appendVisible(out, cp));
        return defuseCommands(out.toString());
    }

    /** {@code text} split at its line breaks ({@code \n} or {@code \r\n}), each line made safe as {@link #line}. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        if (text == null) {
            return lines;
        }
        for (String raw : text.split("\r?\n", -1)) {
            lines.add(line(raw));
        }
        if (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** {@code text} with line breaks kept (as {@code \n}) and every line made safe as {@link #line}. */
    public static String multiline(String text) {
        return String.join("\n", lines(text));
    }

    /** Appends {@code cp}, or its escape when it is a control, bidi override, line separator or lone surrogate. */
    static void appendVisible(StringBuilder out, int cp) {
        if (cp == '\t') {
            out.append('\t');
        } else if (cp == '\n') {
            out.append("\\n");
        } else if (cp == '\r') {
            out.append("\\r");
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            out.append(String.format("\\x%02x", cp));
        } else if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029
                || Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
            // Bidi overrides reorder what follows (Trojan Source); line separators and lone surrogates break lines.
            out.append(String.format("\\u%04x", cp));
        } else {
            out.appendCodePoint(cp);
        }
    }

    private static String defuseCommands(String line) {
        String safe = line.replace("##[", "##\\[");
        int start = 0;
        while (start < safe.length() && Character.isWhitespace(safe.charAt(start))) {
            start++;
        }
        return safe.startsWith("::", start) ? safe.substring(0, start) + "\\" + safe.substring(start) : safe;
    }
}
