package dev.serverlesslab.emulator.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One operation of a REST service as AWS's service model declares it: its name, HTTP method and {@code requestUri}
 * template, e.g. {@code GET /2018-10-31/layers?find=LayerVersion GetLayerVersionByArn}. The template's path is
 * literal segments and labels ({@code {FunctionName}}, or greedy {@code {Key+}} taking the rest of the path); its
 * query part, when there is one, names parameters the request must carry ({@code ?versions}, {@code ?mode=import}).
 */
public record RestOperation(String name, String method, String requestUri) {

    /** One segment of the template: literal text, a label or a greedy label. */
    record Part(Kind kind, String text) {
    }

    /** Ordered from most to least specific: a literal segment beats a label, which beats a greedy label. */
    enum Kind {
        LITERAL, LABEL, GREEDY
    }

    public RestOperation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        if (!requestUri.startsWith("/")) {
            throw new IllegalArgumentException("requestUri must start with /: " + requestUri);
        }
        parts(requestUri);
    }

    /** Reads one line of an operation table: {@code METHOD requestUri Name}. */
    public static RestOperation parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("An operation line is 'METHOD requestUri Name', not: " + line);
        }
        return new RestOperation(fields[2], fields[0], fields[1]);
    }

    /** The path template's segments (empty ones, e.g. of a trailing slash, left out as in requests). */
    List<Part> parts() {
        return parts(requestUri);
    }

    /** The query parameters the template requires, each with its required value or null for any value. */
    Map<String, String> queryConditions() {
        int question = requestUri.indexOf('?');
        Map<String, String> conditions = new LinkedHashMap<>();
        if (question < 0) {
            return conditions;
        }
        for (String pair : requestUri.substring(question + 1).split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                conditions.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
            }
        }
        return Collections.unmodifiableMap(conditions);
    }

    private static List<Part> parts(String requestUri) {
        int question = requestUri.indexOf('?');
        String path = question < 0 ? requestUri : requestUri.substring(0, question);
        List<Part> parts = new ArrayList<>();
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String label = segment.substring(1, segment.length() - 1);
                boolean greedy = label.endsWith("+");
                if (greedy && i != segments.length - 1) {
                    throw new IllegalArgumentException("A greedy label must be the last segment: " + requestUri);
                }
                parts.add(new Part(greedy ? Kind.GREEDY : Kind.LABEL,
                        greedy ? label.substring(0, label.length() - 1) : label));
            } else if (segment.contains("{") || segment.contains("}")) {
                throw new IllegalArgumentException("A label must fill its whole segment: " + requestUri);
            } else {
                parts.add(new Part(Kind.LITERAL, segment));
            }
        }
        return List.copyOf(parts);
    }
}
