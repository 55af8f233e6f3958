package dev.serverlesslab.server.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cheap structural check of the mermaid diagrams in a rendered page, so {@code lab validate} catches the mistakes
 * that leave a reader with an error box instead of a diagram. Mermaid itself is JavaScript and not run here, so this
 * checks what can be checked without it: the first statement names a diagram type mermaid knows, a flowchart's
 * brackets and quotes are balanced on every line, and blocks that need an {@code end} ({@code subgraph}; {@code alt}, {@code opt},
 * {@code loop}, {@code par}, {@code critical}, {@code break}, {@code rect}) have one.
 */
final class MermaidCheck {

    private static final Pattern DIAGRAM = Pattern.compile("(?s)<pre class=\"mermaid\">(.*?)</pre>");
    private static final Set<String> TYPES = Set.of("flowchart", "graph", "sequencediagram", "classdiagram",
            "statediagram", "statediagram-v2", "erdiagram", "journey", "gantt", "pie", "gitgraph", "mindmap",
            "timeline", "quadrantchart", "requirementdiagram", "c4context", "c4container", "c4component",
            "c4dynamic", "c4deployment", "sankey-beta", "xychart-beta", "block-beta", "packet-beta",
            "architecture-beta", "kanban");
    private static final Set<String> FLOWCHART = Set.of("flowchart", "graph");
    private static final Set<String> OPENS_BLOCK = Set.of("subgraph", "alt", "opt", "loop", "par", "critical",
            "break", "rect");

    private MermaidCheck() {
    }

    /** One message per problem, naming the diagram by its position in the page (1 for the first). */
    static List<String> problems(String html) {
        List<String> problems = new ArrayList<>();
        Matcher diagram = DIAGRAM.matcher(html);
        int number = 0;
        while (diagram.find()) {
            number++;
            String name = "mermaid diagram " + number;
            List<String> lines = unescape(diagram.group(1)).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("%%")).toList();
            if (lines.isEmpty()) {
                problems.add(name + " is empty");
                continue;
            }
            String type = lines.get(0).split("\\s+")[0].toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                problems.add(name + " starts with '" + lines.get(0) + "'; the first line must name the diagram "
                        + "type, e.g. 'flowchart LR' or 'sequenceDiagram'");
            }
            int open = 0;
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                String first = line.split("\\s+")[0].toLowerCase(Locale.ROOT);
                if (OPENS_BLOCK.contains(first)) {
                    open++;
                } else if (first.equals("end")) {
                    open--;
                }
                // Flowchart node shapes close on their line; other types use braces across lines or as arrows.
                String unbalanced = FLOWCHART.contains(type) && !line.contains(">]") ? unbalanced(line) : null;
                if (unbalanced != null) {
                    problems.add(name + ", line " + (i + 1) + " '" + line + "': " + unbalanced);
                }
            }
            if (open != 0) {
                problems.add(name + ": " + Math.abs(open) + (open > 0 ? " block(s) without 'end'"
                        : " 'end' without a block (subgraph, alt, opt, loop, par, critical, break, rect) to close"));
            }
        }
        return problems;
    }

    /** What is unbalanced on the line, ignoring brackets inside quotes; null when all is well. */
    private static String unbalanced(String line) {
        StringBuilder stack = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && "([{".indexOf(c) >= 0) {
                stack.append(c);
            } else if (!quoted && ")]}".indexOf(c) >= 0) {
                char expected = "([{".charAt(")]}".indexOf(c));
                if (stack.isEmpty() || stack.charAt(stack.length() - 1) != expected) {
                    return "'" + c + "' closes nothing";
                }
                stack.setLength(stack.length() - 1);
            }
        }
        if (quoted) {
            return "a quote is not closed";
        }
        return stack.isEmpty() ? null : "'" + stack.charAt(stack.length() - 1) + "' is not closed";
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
