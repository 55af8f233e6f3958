package dev.serverlesslab.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.core.AwsException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The members AWS's model marks required in each operation's request, and the error a service answers when a request
 * leaves one out, in its own words: AWS refuses such a request with a 400 naming every member missing before the
 * operation runs, so an operation never sees a request without them. A structure the request holds is checked too,
 * as AWS does: its own required members, and those of each structure in a list ({@code PutTargets} with a target
 * lacking its {@code Arn}). The list is checked in per service (a resource {@code required/<signing name>.txt}, lines
 * {@code Operation Path...} in the model's order, a path naming a top-level member ({@code Rule}) or one inside a
 * structure ({@code Targets[].Arn}, {@code StreamModeDetails.StreamMode}; {@code []} marks a list's elements) and
 * kept equal to botocore's models by {@code RequiredMembersTests}. Maps' values are left to the services, which name
 * a malformed message attribute in their own words.
 */
public final class RequiredMembers {

    /** No member required: for a table whose requests are checked elsewhere. */
    public static final RequiredMembers NONE = new RequiredMembers(Map.of(), missing -> {
        throw new IllegalStateException("nothing is required");
    });

    private final Map<String, List<String>> byOperation;
    private final Function<List<String>, AwsException> error;

    private RequiredMembers(Map<String, List<String>> byOperation, Function<List<String>, AwsException> error) {
        this.byOperation = byOperation;
        this.error = error;
    }

    /**
     * The checked-in list of the service {@code signingName}, answering a missing member with {@code error}.
     *
     * @param error the service's error for the members missing (at least one, in the model's order), each named by
     *     its path in the request: {@code KeyId}, or {@code Targets.1.Arn} inside the first element of a list
     */
    public static RequiredMembers of(String signingName, Function<List<String>, AwsException> error) {
        return new RequiredMembers(read("required/" + signingName + ".txt"), error);
    }

    /**
     * The error of the services built on AWS's Coral framework (KMS, SSM, Logs, EventBridge, Step Functions,
     * Kinesis, IAM, STS, SNS), which differ only in its code: {@code 1 validation error detected: Value null at
     * 'keyId' failed to satisfy constraint: Member must not be null}, one clause per member, named in lower camel
     * case; a member of a list's element as {@code 'targets.1.member.arn'} (DynamoDB's answer to a key schema
     * element without its name reads {@code 'keySchema.1.member.attributeName'}).
     */
    public static Function<List<String>, AwsException> coral(String code) {
        return missing -> {
            List<String> clauses = missing.stream().map(member -> "Value null at '" + coralPath(member)
                    + "' failed to satisfy constraint: Member must not be null").toList();
            String count = clauses.size() == 1 ? "1 validation error" : clauses.size() + " validation errors";
            return new AwsException(code, count + " detected: " + String.join("; ", clauses), 400);
        };
    }

    /** The members {@code operation} requires, in the model's order; empty when none (or unknown). */
    public List<String> of(String operation) {
        return byOperation.getOrDefault(operation, List.of());
    }

    /** The operations with at least one required member, each with them. */
    public Map<String, List<String>> all() {
        return byOperation;
    }

    /**
     * Throws the service's error naming every member {@code operation} requires that {@code request} lacks: a
     * top-level member, or one of a structure the request holds (a structure or list it leaves out is not looked
     * into); a member that is null is missing.
     *
     * @param request the request's members by their wire names (see {@link #inJson}, {@link #inQuery})
     */
    public void check(String operation, JsonNode request) {
        List<String> missing = new ArrayList<>();
        for (String path : of(operation)) {
            collectMissing(request, path.split("\\."), 0, "", missing);
        }
        if (!missing.isEmpty()) {
            throw error.apply(missing);
        }
    }

    /** An awsJson body's members, as {@link #check} reads them. */
    public static JsonNode inJson(JsonNode body) {
        return body;
    }

    /**
     * Query parameters' members, as {@link #check} reads them: {@code Tags.member.1.Key} as the member {@code Key}
     * of the first element of the list {@code Tags}.
     */
    public static JsonNode inQuery(Map<String, String> parameters) {
        return QueryMembers.tree(parameters);
    }

    private static void collectMissing(JsonNode node, String[] steps, int at, String prefix, List<String> missing) {
        String step = steps[at];
        boolean list = step.endsWith("[]");
        String name = list ? step.substring(0, step.length() - 2) : step;
        if (at == steps.length - 1) {
            if (!node.hasNonNull(name)) {
                missing.add(prefix + name);
            }
            return;
        }
        JsonNode child = node.path(name);
        if (!list) {
            if (child.isObject()) {
                collectMissing(child, steps, at + 1, prefix + name + ".", missing);
            }
            return;
        }
        for (int i = 0; i < child.size() && child.isArray(); i++) {
            if (child.get(i).isObject()) {
                collectMissing(child.get(i), steps, at + 1, prefix + name + "." + (i + 1) + ".", missing);
            }
        }
    }

    /** {@code Targets.1.Arn} as Coral names it: {@code targets.1.member.arn}. */
    private static String coralPath(String path) {
        StringBuilder out = new StringBuilder();
        for (String step : path.split("\\.")) {
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(step.chars().allMatch(Character::isDigit) ? step + ".member"
                    : Character.toLowerCase(step.charAt(0)) + step.substring(1));
        }
        return out.toString();
    }

    private static Map<String, List<String>> read(String resource) {
        Map<String, List<String>> byOperation = new LinkedHashMap<>();
        try (InputStream in = RequiredMembers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No list of required members at " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                List<String> words = new ArrayList<>(Arrays.asList(trimmed.split("\\s+")));
                byOperation.put(words.remove(0), List.copyOf(words));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + resource, e);
        }
        return Map.copyOf(byOperation);
    }
}
