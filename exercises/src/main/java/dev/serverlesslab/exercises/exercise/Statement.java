package dev.serverlesslab.exercises.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An exercise statement ({@code README.md}) read by two audiences: a student in the browser, who edits and runs the
 * code on the page, and a student grading from a terminal or CI, who needs commands. Text meant only for the second
 * sits between a line {@code <!-- cli -->} and a line {@code <!-- /cli -->}: HTML comments, so the README still reads
 * as one document on a repository page, while the web page leaves the whole section out.
 */
public final class Statement {

    static final String CLI_START = "<!-- cli -->";
    static final String CLI_END = "<!-- /cli -->";

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)\\s*([A-Za-z]*)");
    private static final Pattern SHELL_FENCE = Pattern.compile("sh|bash|shell|console|zsh|terminal");
    /** A command a browser student cannot run: the lab launcher, Maven, or a shell prompt. */
    private static final Pattern COMMAND = Pattern.compile("(^|[\\s`(])(\\./lab|mvn|java -jar)\\s|^\\s*\\$ \\S");

    private Statement() {
    }

    /** The statement as the web page shows it: without its {@code <!-- cli -->} sections. */
    public static String forBrowser(String markdown) {
        StringBuilder web = new StringBuilder();
        boolean cli = false;
        for (String line : markdown.split("\n", -1)) {
            String marker = line.strip();
            if (marker.equals(CLI_START)) {
                cli = true;
            } else if (marker.equals(CLI_END)) {
                cli = false;
            } else if (!cli) {
                web.append(line).append('\n');
            }
        }
        return web.length() == 0 ? "" : web.substring(0, web.length() - 1);
    }

    /**
     * What keeps the statement from speaking to a browser student, as "line N: what to do": terminal commands
     * outside a {@code <!-- cli -->} section, and markers that do not pair up.
     */
    public static List<String> problems(String markdown) {
        List<String> problems = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        int openedAt = 0;
        boolean inFence = false;
        // A shell block outside a section is reported once, at its fence, not again for each command in it.
        boolean inShellFence = false;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String line = lines[i];
            String marker = line.strip();
            if (marker.equals(CLI_START)) {
                if (openedAt > 0) {
                    problems.add("line " + number + ": " + CLI_START + " inside the section opened at line "
                            + openedAt + ": close that one first with " + CLI_END);
                }
                openedAt = number;
                continue;
            }
            if (marker.equals(CLI_END)) {
                if (openedAt == 0) {
                    problems.add("line " + number + ": " + CLI_END + " closes no section: open one with " + CLI_START);
                }
                openedAt = 0;
                continue;
            }
            var fence = FENCE.matcher(line);
            boolean fenceLine = fence.find();
            if (fenceLine) {
                inFence = !inFence;
                inShellFence = inFence && SHELL_FENCE.matcher(fence.group(2)).matches();
            }
            if (openedAt > 0) {
                continue;
            }
            if (fenceLine && inShellFence) {
                problems.add("line " + number + ": a " + fence.group(2) + " block is for the terminal: put it between "
                        + CLI_START + " and " + CLI_END + " (the web page, where students press Run checks, leaves "
                        + "that out)");
            } else if (!inShellFence && COMMAND.matcher(line).find()) {
                problems.add("line " + number + ": a terminal command in the text a browser student reads: put it "
                        + "between " + CLI_START + " and " + CLI_END + " and tell the browser student what to press");
            }
        }
        if (openedAt > 0) {
            problems.add("line " + openedAt + ": " + CLI_START + " is never closed: end the section with a line "
                    + CLI_END + ", or the web page drops everything after it");
        }
        return problems;
    }
}
