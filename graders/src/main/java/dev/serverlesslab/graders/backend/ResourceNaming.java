package dev.serverlesslab.graders.backend;

import java.util.Map;
import java.util.Objects;

/**
 * How a backend names and marks what gradings create. On an emulator or LocalStack each grading has an account of its
 * own, so plain {@code lab-...} names suffice; in a real AWS account shared with other things, everything carries the
 * {@code serverless-lab-} prefix, IAM roles sit under {@code /serverless-lab/}, and every resource that takes tags is
 * tagged {@value #MANAGED_BY}={@value #MANAGED_BY_VALUE} and {@value #GRADING}=the grading's id, so
 * {@code ./lab cleanup} can find what a crashed grading left and nothing else.
 *
 * @param root     what every name starts with ({@code lab}, {@code serverless-lab}); SSM parameters go below
 *                 {@code /<root>/}
 * @param rolePath the IAM path of the roles gradings create
 * @param tagged   whether resources are tagged
 */
public record ResourceNaming(String root, String rolePath, boolean tagged) {

    public static final String MANAGED_BY = "serverlesslab:managed-by";
    public static final String MANAGED_BY_VALUE = "serverless-lab";
    public static final String GRADING = "serverlesslab:grading";

    /** Emulators and LocalStack: names {@code lab-...}, roles at {@code /}, no tags. */
    public static final ResourceNaming PLAIN = new ResourceNaming("lab", "/", false);

    /** A real AWS account: names {@code serverless-lab-...}, roles under {@code /serverless-lab/}, tagged. */
    public static final ResourceNaming MANAGED = new ResourceNaming("serverless-lab", "/serverless-lab/", true);

    public ResourceNaming {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(rolePath, "rolePath");
    }

    /** The tags of everything grading {@code gradingId} creates; empty when this naming does not tag. */
    public Map<String, String> tags(String gradingId) {
        return tagged ? Map.of(MANAGED_BY, MANAGED_BY_VALUE, GRADING, gradingId) : Map.of();
    }

    /** Whether {@code tags} (of any resource) mark it as made by a grading, and by {@code gradingId} if not null. */
    public static boolean managed(Map<String, String> tags, String gradingId) {
        return MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY))
                && (gradingId == null || gradingId.equals(tags.get(GRADING)));
    }
}
