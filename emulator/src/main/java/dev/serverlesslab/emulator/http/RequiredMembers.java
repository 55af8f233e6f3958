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
import java.util.function.Predicate;

/**
 * The members AWS's model marks required in each operation's request, and the error a service answers when a request
 * leaves one out, in its own words: AWS refuses such a request with a 400 naming the member before the operation
 * runs, so an operation never sees a request without them. The list is checked in per service (a resource
 * {@code required/<signing name>.txt}, lines {@code Operation Member...} in the model's order) and kept equal to
 * botocore's models by {@code RequiredMembersTests}.
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
     * @param error the service's error for the members missing (at least one, in the model's order)
     */
    public static RequiredMembers of(String signingName, Function<List<String>, AwsException> error) {
        return new RequiredMembers(read("required/" + signingName + ".txt"), error);
    }

    /**
     * The error of the services built on AWS's Coral framework (KMS, SSM, Logs, EventBridge, Step Functions,
     * Kinesis, IAM, STS), which differ only in its code: {@code 1 validation error detected: Value null at 'keyId'
     * failed to satisfy constraint: Member must not be null}, one clause per member, named in lower camel case.
     */
    public static Function<List<String>, AwsException> coral(String code) {
        return missing -> {
            List<String> clauses = missing.stream().map(member -> "Value null at '"
                    + Character.toLowerCase(member.charAt(0)) + member.substring(1)
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
     * Throws the service's error when a member {@code operation} requires is not {@code present}.
     *
     * @param present whether the request holds a member, by its wire name
     */
    public void check(String operation, Predicate<String> present) {
        List<String> missing = of(operation).stream().filter(present.negate()).toList();
        if (!missing.isEmpty()) {
            throw error.apply(missing);
        }
    }

    /** Whether an awsJson body holds a member: there and not null. */
    public static Predicate<String> inJson(JsonNode body) {
        return body::hasNonNull;
    }

    /**
     * Whether query parameters hold a member: named as it is, or a list or map flattened under it
     * ({@code Tags.member.1.Key}, {@code Attributes.entry.1.key}).
     */
    public static Predicate<String> inQuery(Map<String, String> parameters) {
        return member -> parameters.containsKey(member)
                || parameters.keySet().stream().anyMatch(name -> name.startsWith(member + "."));
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
