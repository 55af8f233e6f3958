package dev.serverlesslab.emulator.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves a REST request (method, path, query) to the operation of AWS's service model it stands for, with its path
 * parameters, the way LocalStack's operation router does: the method must match, every template segment must match
 * (a literal exactly, a label one segment, a greedy label the rest), and the template's query part must be present.
 * When several operations match, the one whose template requires more query parameters wins, then the one whose
 * first differing segment is more specific (literal over label over greedy label).
 *
 * <p>The tables are generated from botocore's {@code service-2.json} by {@code emulator/scripts/rest-operations.py}
 * and checked in under {@code dev/serverlesslab/emulator/http/operations/}; {@code OperationTableTests} compares
 * them with the models when those are installed.
 */
public final class OperationRouter {

    /** An operation matched to a request: its name and the template's labels with the path's decoded values. */
    public record Resolved(String operation, Map<String, String> pathParameters) {

        public Resolved {
            pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        }
    }

    /** An operation with its template parsed once. */
    private record Template(RestOperation operation, List<RestOperation.Part> parts, Map<String, String> conditions) {
    }

    private record Candidate(Template template, Map<String, String> pathParameters) {
    }

    private final String service;
    private final List<RestOperation> operations;
    private final List<Template> templates;

    private OperationRouter(String service, List<RestOperation> operations) {
        this.service = service;
        this.operations = List.copyOf(operations);
        this.templates = this.operations.stream()
                .map(operation -> new Template(operation, operation.parts(), operation.queryConditions()))
                .toList();
    }

    /** A router over the given operations; {@code service} names the table in messages. */
    public static OperationRouter of(String service, List<RestOperation> operations) {
        return new OperationRouter(service, operations);
    }

    /** The checked-in table of one service, e.g. {@code lambda} reads {@code operations/lambda.txt}. */
    public static OperationRouter forService(String service) {
        String resource = "operations/" + service + ".txt";
        List<RestOperation> operations = new ArrayList<>();
        try (InputStream in = OperationRouter.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The operation table " + resource + " is missing from the "
                        + "emulator's jar; regenerate it with emulator/scripts/rest-operations.py");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    operations.add(RestOperation.parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the operation table " + resource, e);
        }
        return new OperationRouter(service, operations);
    }

    /** The service this table belongs to, e.g. {@code lambda}. */
    public String service() {
        return service;
    }

    /** Every operation of the model, in table order. */
    public List<RestOperation> operations() {
        return operations;
    }

    /** True when the model has an operation of this name. */
    public boolean knows(String operation) {
        return operations.stream().anyMatch(candidate -> candidate.name().equals(operation));
    }

    /**
     * The first path segment of every operation, as {@code /segment}: what tells this service's requests apart from
     * another's sharing its signing name (API Gateway's {@code /restapis} and {@code /v2}).
     */
    public List<String> pathPrefixes() {
        Set<String> prefixes = new LinkedHashSet<>();
        for (Template template : templates) {
            List<RestOperation.Part> parts = template.parts();
            if (!parts.isEmpty() && parts.get(0).kind() == RestOperation.Kind.LITERAL) {
                prefixes.add("/" + parts.get(0).text());
            }
        }
        return List.copyOf(prefixes);
    }

    /** The operation the request addresses, or empty when the model has none at this method and path. */
    public Optional<Resolved> resolve(AwsRequest request) {
        return resolve(request.method(), request.segments(), request.query());
    }

    /**
     * The operation a method, decoded path segments and query address, or empty when the model has none there.
     */
    public Optional<Resolved> resolve(String method, List<String> segments, Map<String, List<String>> query) {
        return templates.stream()
                .filter(template -> template.operation().method().equals(method))
                .filter(template -> queryMatches(template.conditions(), query))
                .map(template -> match(template, segments))
                .flatMap(Optional::stream)
                .min(MOST_SPECIFIC)
                .map(candidate -> new Resolved(candidate.template().operation().name(), candidate.pathParameters()));
    }

    private static final Comparator<Candidate> MOST_SPECIFIC = Comparator
            .comparingInt((Candidate c) -> -c.template().conditions().size())
            .thenComparing((a, b) -> compareParts(a.template().parts(), b.template().parts()));

    private static int compareParts(List<RestOperation.Part> a, List<RestOperation.Part> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = a.get(i).kind().compareTo(b.get(i).kind());
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(b.size(), a.size());
    }

    private static boolean queryMatches(Map<String, String> conditions, Map<String, List<String>> query) {
        for (Map.Entry<String, String> condition : conditions.entrySet()) {
            List<String> values = query.get(condition.getKey());
            if (values == null || (condition.getValue() != null && !values.contains(condition.getValue()))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Candidate> match(Template template, List<String> segments) {
        List<RestOperation.Part> parts = template.parts();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            RestOperation.Part part = parts.get(i);
            if (part.kind() == RestOperation.Kind.GREEDY) {
                if (i >= segments.size()) {
                    return Optional.empty();
                }
                parameters.put(part.text(), String.join("/", segments.subList(i, segments.size())));
                return Optional.of(new Candidate(template, parameters));
            }
            if (i >= segments.size()) {
                return Optional.empty();
            }
            if (part.kind() == RestOperation.Kind.LITERAL) {
                if (!part.text().equals(segments.get(i))) {
                    return Optional.empty();
                }
            } else {
                parameters.put(part.text(), segments.get(i));
            }
        }
        return parts.size() == segments.size() ? Optional.of(new Candidate(template, parameters))
                : Optional.empty();
    }
}
