package dev.serverlesslab.emulator.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A space-delimited filter pattern, {@code [ip, user, ..., status = 4* || status = 5*, bytes > 1000]}: a message's
 * fields are its space-separated words, text in double quotes or square brackets counting as one field; each name
 * takes one field, {@code ...} any number of them, and the conditions ({@code = != < <= > >=}, {@code *} wildcards in
 * text, {@code &&} and {@code ||}) test the fields by name once they are placed.
 */
final class DelimitedFilterPattern {

    /** One comparison, {@code name op value}. */
    private record Condition(String field, String op, String value, boolean numeric) {

        boolean test(Map<String, String> fields) {
            String text = fields.get(field);
            return text != null && FilterPattern.compare(text, op, value, numeric);
        }
    }

    private final List<String> names = new ArrayList<>();
    /** Disjunctions of conjunctions, one list per element with conditions: all elements' lists must hold. */
    private final List<List<List<Condition>>> conditions = new ArrayList<>();

    private DelimitedFilterPattern() {
    }

    static Predicate<String> parse(String pattern) {
        if (!pattern.endsWith("]")) {
            throw invalid(pattern, "a space-delimited pattern ends with ]");
        }
        DelimitedFilterPattern compiled = new DelimitedFilterPattern();
        for (String element : split(pattern.substring(1, pattern.length() - 1), ',')) {
            String text = element.strip();
            if (text.isEmpty()) {
                throw invalid(pattern, "an element between commas is empty");
            }
            if ("...".equals(text)) {
                compiled.names.add("...");
                continue;
            }
            String name = text.split("[\\s=!<>]", 2)[0];
            if (!name.matches("[A-Za-z0-9_]+")) {
                throw invalid(pattern, "field name " + name + " may hold letters, digits and _ only");
            }
            compiled.names.add(name);
            if (!text.equals(name)) {
                compiled.conditions.add(disjunction(text, pattern));
            }
        }
        return compiled::matches;
    }

    private boolean matches(String message) {
        return place(0, fields(message), 0, new HashMap<>());
    }

    /** Places pattern element {@code i} at field {@code j}, trying every width for an ellipsis. */
    private boolean place(int i, List<String> fields, int j, Map<String, String> bound) {
        if (i == names.size()) {
            return j == fields.size() && conditions.stream().allMatch(any -> any.stream()
                    .anyMatch(all -> all.stream().allMatch(condition -> condition.test(bound))));
        }
        if ("...".equals(names.get(i))) {
            for (int k = j; k <= fields.size(); k++) {
                if (place(i + 1, fields, k, bound)) {
                    return true;
                }
            }
            return false;
        }
        if (j >= fields.size()) {
            return false;
        }
        String previous = bound.put(names.get(i), fields.get(j));
        boolean matched = place(i + 1, fields, j + 1, bound);
        if (previous == null) {
            bound.remove(names.get(i));
        } else {
            bound.put(names.get(i), previous);
        }
        return matched;
    }

    private static List<List<Condition>> disjunction(String text, String pattern) {
        List<List<Condition>> any = new ArrayList<>();
        for (String alternative : text.split("\\|\\|")) {
            List<Condition> all = new ArrayList<>();
            for (String comparison : alternative.split("&&")) {
                all.add(condition(comparison.strip(), pattern));
            }
            any.add(all);
        }
        return any;
    }

    private static Condition condition(String comparison, String pattern) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z0-9_]+)\\s*(!=|<=|>=|=|<|>)\\s*(.+)")
                .matcher(comparison);
        if (!m.matches()) {
            throw invalid(pattern, "condition " + comparison + " is not of the form name = value");
        }
        String raw = m.group(3).strip();
        boolean quoted = raw.startsWith("\"");
        String value = FilterPattern.unquote(raw);
        boolean numeric = !quoted && FilterPattern.number(value) != null;
        if (!numeric && !"=".equals(m.group(2)) && !"!=".equals(m.group(2))) {
            throw invalid(pattern, m.group(2) + " compares numbers, not " + raw);
        }
        return new Condition(m.group(1), m.group(2), value, numeric);
    }

    /** A message's fields: words between spaces, with "quoted text" and [bracketed text] as one field each. */
    static List<String> fields(String message) {
        List<String> fields = new ArrayList<>();
        String text = message.strip();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            char close = c == '"' ? '"' : c == '[' ? ']' : 0;
            if (close != 0) {
                int end = text.indexOf(close, i + 1);
                if (end > 0) {
                    fields.add(text.substring(i + 1, end));
                    i = end + 1;
                    continue;
                }
            }
            int end = i;
            while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\t') {
                end++;
            }
            fields.add(text.substring(i, end));
            i = end;
        }
        return fields;
    }

    /** Splits at {@code separator} outside double quotes. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static RuntimeException invalid(String pattern, String why) {
        return LogsErrors.invalidParameter("Invalid filter pattern " + pattern + ": " + why);
    }
}
