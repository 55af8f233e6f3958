package dev.serverlesslab.exercises.exercise;

import java.util.List;

/**
 * The function's execution role; the grading always creates one, trusted by Lambda, with these managed policies.
 *
 * @param policies managed policy ARNs to attach, e.g. {@code arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess}
 */
public record RoleSpec(List<String> policies) {

    public RoleSpec {
        policies = List.copyOf(policies);
    }

    /** A role with no policies attached. */
    public static RoleSpec plain() {
        return new RoleSpec(List.of());
    }
}
