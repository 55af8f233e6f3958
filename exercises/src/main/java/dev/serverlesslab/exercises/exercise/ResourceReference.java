package dev.serverlesslab.exercises.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ${kind:name}} reference to a provisioned resource inside an {@code environment} value, e.g.
 * {@code ${table:orders}}; {@code ${region}} has no name, and {@code ${function}} (the ARN of the exercise's only
 * function) needs none; {@code ${function:NAME}} is the ARN of one of its {@code functions:}.
 * The grading replaces each with the physical value: a table, bucket, bus or stream's name, a queue's URL
 * ({@code queueArn} its ARN), a topic or state machine's ARN.
 *
 * @param name the logical resource name, {@code url} for {@code api}, empty for {@code region} and a plain
 *             {@code function}
 */
public record ResourceReference(String kind, String name) {

    /** Every kind a reference may use, in the order the README documents them. */
    public static final List<String> KINDS = List.of("table", "key", "keyArn", "alias", "parameter", "api", "region",
            "bucket", "queue", "queueArn", "topic", "bus", "stateMachine", "stream", "function");

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]*)(?::([^}]*))?}");

    /** The reference as written in a descriptor. */
    public String text() {
        return name.isEmpty() ? "${" + kind + "}" : "${" + kind + ":" + name + "}";
    }

    /**
     * The references in {@code value}, in order.
     *
     * @throws IllegalArgumentException when a {@code ${} is not closed or names a kind not in {@link #KINDS}
     */
    public static List<ResourceReference> findIn(String value) {
        List<ResourceReference> found = new ArrayList<>();
        substitute(value, reference -> {
            found.add(reference);
            return "";
        });
        return found;
    }

    /**
     * Replaces every reference in {@code value} with what {@code lookup} answers for it.
     *
     * @throws IllegalArgumentException when a {@code ${} is not closed or names a kind not in {@link #KINDS}
     */
    public static String substitute(String value, Function<ResourceReference, String> lookup) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            String kind = matcher.group(1);
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("'" + matcher.group() + "' uses the unknown kind '" + kind
                        + "': use one of " + String.join(", ", KINDS.stream().map(k -> "${" + k + ":…}").toList())
                                .replace("${region:…}", "${region}")
                                .replace("${function:…}", "${function}, ${function:…}"));
            }
            String name = matcher.group(2) == null ? "" : matcher.group(2).strip();
            out.append(value, last, matcher.start()).append(lookup.apply(new ResourceReference(kind, name)));
            last = matcher.end();
        }
        String rest = value.substring(last);
        if (rest.contains("${")) {
            throw new IllegalArgumentException("'" + rest.substring(rest.indexOf("${"))
                    + "' has no closing '}': write references as ${kind:name}, e.g. ${table:orders}");
        }
        return out.append(rest).toString();
    }
}
