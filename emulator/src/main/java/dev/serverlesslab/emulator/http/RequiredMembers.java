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
 * as AWS does: its own required members, those of each structure in a list ({@code PutTargets} with a target lacking
 * its {@code Arn}) and those of each structure a map holds as a value ({@code Publish} with a message attribute
 * lacking its {@code DataType}). The list is checked in per service (a resource {@code required/<signing name>.txt},
 * lines {@code Operation Path...} in the model's order, a path naming a top-level member ({@code Rule}) or one inside
 * a structure ({@code Targets[].Arn}, {@code StreamModeDetails.StreamMode}, {@code MessageAttributes{}.DataType};
 * {@code []} marks a list's elements, {@code {}} a map's values) and kept equal to botocore's models by
 * {@code RequiredMembersTests}.
 */
public final class RequiredMembers {

    /** No member required: for a table whose requests are checked elsewhere. */
    public static final RequiredMembers NONE = new RequiredMembers(Map.of(), missing -> {
        throw new IllegalStateException("nothing is required");
    });

    private final Map<String, List<String>> byOperation;
    private final Function<List<Missing>, AwsException> error;

    /**
     * A required member a request lacks, named two ways.
     *
     * @param path      as the request spells it from its top, steps joined by dots: {@code KeyId},
     *                  {@code Targets.1.Arn} in a list's first element, {@code MessageAttributes.color.DataType} in
     *                  the map value under the key {@code color}
     * @param coralPath as AWS's Coral framework names it: lower camel case, each list index or map key followed by
     *                  {@code member} ({@code targets.1.member.arn}, {@code messageAttributes.color.member.dataType})
     */
    public record Missing(String path, String coralPath) {
    }

    private RequiredMembers(Map<String, List<String>> byOperation, Function<List<Missing>, AwsException> error) {
        this.byOperation = byOperation;
        this.error = error;
    }

    /**
     * The checked-in list of the service {@code signingName}, answering a missing member with {@code error}.
     *
     * @param error the service's error for the members missing (at least one, in the model's order, every one of
     *     them: AWS names them all)
     */
    public static RequiredMembers of(String signingName, Function<List<Missing>, AwsException> error) {
        return new RequiredMembers(read("required/" + signingName + ".txt"), error);
    }

    /**
     * The error of the services built on AWS's Coral framework (KMS, SSM, Logs, EventBridge, Step Functions,
     * Kinesis, IAM, STS, SNS), which differ only in its code: {@code 1 validation error detected: Value null at
     * 'keyId' failed to satisfy constraint: Member must not be null}, one clause per member, named in lower camel
     * case; a member of a list's element as {@code 'targets.1.member.arn'} (DynamoDB's answer to a key schema
     * element without its name reads {@code 'keySchema.1.member.attributeName'}), one of a map's value the same way
     * with the key in place of the index.
     */
    public static Function<List<Missing>, AwsException> coral(String code) {
        return missing -> {
            List<String> clauses = missing.stream().map(member -> "Value null at '" + member.coralPath()
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
     * top-level member, or one of a structure the request holds, alone, in a list or as a map's value (a structure,
     * list or map it leaves out is not looked into); a member that is null is missing.
     *
     * @param request the request's members by their wire names (see {@link #inJson}, {@link #inQuery})
     */
    public void check(String operation, JsonNode request) {
        List<Missing> missing = new ArrayList<>();
        for (String path : of(operation)) {
            collectMissing(request, path.split("\\."), 0, "", "", missing);
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
     * of the first element of the list {@code Tags}, {@code MessageAttributes.entry.1.Value.DataType} as the member
     * {@code DataType} of the map value whose key {@code MessageAttributes.entry.1.Name} gives.
     */
    public static JsonNode inQuery(Map<String, String> parameters) {
        return QueryMembers.tree(parameters);
    }

    private static void collectMissing(JsonNode node, String[] steps, int at, String prefix, String coralPrefix,
            List<Missing> missing) {
        String step = steps[at];
        boolean list = step.endsWith("[]");
        boolean map = step.endsWith("{}");
        String name = list || map ? step.substring(0, step.length() - 2) : step;
        String coralName = Character.toLowerCase(name.charAt(0)) + name.substring(1);
        if (at == steps.length - 1) {
            if (!node.hasNonNull(name)) {
                missing.add(new Missing(prefix + name, coralPrefix + coralName));
            }
            return;
        }
        JsonNode child = node.path(name);
        if (list) {
            for (int i = 0; i < child.size() && child.isArray(); i++) {
                if (child.get(i).isObject()) {
                    String index = Integer.toString(i + 1);
                    collectMissing(child.get(i), steps, at + 1, prefix + name + "." + index + ".",
                            coralPrefix + coralName + "." + index + ".member.", missing);
                }
            }
        } else if (map) {
            if (child.isObject()) {
                child.fields().forEachRemaining(entry -> {
                    if (entry.getValue().isObject()) {
                        collectMissing(entry.getValue(), steps, at + 1, prefix + name + "." + entry.getKey() + ".",
                                coralPrefix + coralName + "." + entry.getKey() + ".member.", missing);
                    }
                });
            }
        } else if (child.isObject()) {
            collectMissing(child, steps, at + 1, prefix + name + ".", coralPrefix + coralName + ".", missing);
        }
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
