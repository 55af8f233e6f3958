package dev.serverlesslab.graders.aws;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.backend.BackendUnavailableException;
import dev.serverlesslab.graders.backend.PersonCredentials;
import dev.serverlesslab.graders.backend.ResourceNaming;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A real AWS account meant for grading (a sandbox account, a lab role), reached with the person's own credentials:
 * everything a grading creates is named {@code serverless-lab-...}, tagged and, for IAM roles, under
 * {@code /serverless-lab/} ({@link ResourceNaming#MANAGED}). Each grading's teardown runs in the grader's
 * {@code finally}; gradings still open when the JVM ends (Ctrl-C) are deleted by tag from a shutdown hook, and
 * {@code ./lab cleanup --backend aws} finds whatever a killed process left.
 */
public final class AwsBackend implements Backend {

    private final String region;
    private final URI endpointOverride;
    private final PersonCredentials person;
    private final Set<String> openGradings = ConcurrentHashMap.newKeySet();
    private final Thread shutdownHook = new Thread(this::deleteOpenGradings, "serverless-lab-aws-teardown");

    private AwsBackend(String region, AwsCredentialsProvider credentials, URI endpointOverride) {
        this.region = region;
        this.endpointOverride = endpointOverride;
        this.person = new PersonCredentials(endpointOverride, region, credentials);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Grades in the AWS account of {@code access}'s credentials and region.
     *
     * @throws BackendUnavailableException when there is no region or no credentials, saying where they are read
     */
    public static AwsBackend start(AwsAccess access) {
        return start(access, null);
    }

    /** As {@link #start(AwsAccess)}, with every client pointed at {@code endpointOverride}: tests only. */
    static AwsBackend start(AwsAccess access, URI endpointOverride) {
        String region = access.region().orElseThrow(() -> new BackendUnavailableException("the aws backend needs a "
                + "region: give --region, set AWS_REGION, or name one in the profile"));
        AwsCredentialsProvider credentials = access.credentials().orElseThrow(() -> new BackendUnavailableException(
                "the aws backend found no AWS credentials: give --profile NAME, or set AWS_PROFILE or "
                        + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"));
        return new AwsBackend(region, credentials, endpointOverride);
    }

    @Override
    public String name() {
        return "aws";
    }

    /** Lambda's regional endpoint (what people read and the SDK layer cache is keyed by); clients find their own. */
    @Override
    public URI endpoint() {
        return endpointOverride != null ? endpointOverride : URI.create("https://lambda." + region + ".amazonaws.com");
    }

    @Override
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    @Override
    public String region() {
        return region;
    }

    /** IAM changes usually reach Lambda within seconds; thirty leaves room without hiding a real refusal long. */
    @Override
    public java.time.Duration rolePropagation() {
        return java.time.Duration.ofSeconds(30);
    }

    @Override
    public ResourceNaming naming() {
        return ResourceNaming.MANAGED;
    }

    /** A real account: a submission that does not compile creates nothing there (IAM roles, keys that cost money). */
    @Override
    public boolean provisionsWhileCompiling() {
        return false;
    }

    @Override
    public List<String> refusals(Exercise exercise) {
        return GradingPlan.refusals(exercise);
    }

    /** Every grading acts in the one account of the person's credentials, under names and tags of its own. */
    @Override
    public BackendCredentials newAccount() {
        return person.get();
    }

    @Override
    public BackendCredentials platformAccount() {
        return person.get();
    }

    @Override
    public void gradingStarted(String gradingId) {
        openGradings.add(gradingId);
    }

    @Override
    public void gradingFinished(String gradingId) {
        openGradings.remove(gradingId);
    }

    /** Deletes what open gradings left (by their tag), then stops watching for the JVM's end. */
    @Override
    public void close() {
        deleteOpenGradings();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from a shutdown already under way: the hook runs or has run.
        }
    }

    /** The gradings started but not torn down: a crash between the two, or the JVM ending mid-grading. */
    Set<String> openGradings() {
        return Set.copyOf(openGradings);
    }

    private void deleteOpenGradings() {
        for (String gradingId : Set.copyOf(openGradings)) {
            try (ManagedResources managed = new ManagedResources(new AwsClients(this, person.get()))) {
                List<ManagedResources.Found> left = managed.find(gradingId);
                List<String> problems = managed.delete(left);
                if (!left.isEmpty()) {
                    System.err.println("lab: deleted what grading " + gradingId + " left: " + left.stream()
                            .map(ManagedResources.Found::toString).toList()
                            + (problems.isEmpty() ? "" : "; " + String.join("; ", problems)));
                }
                openGradings.remove(gradingId);
            } catch (RuntimeException e) {
                System.err.println("lab: could not delete what grading " + gradingId + " left (" + e.getMessage()
                        + "); run ./lab cleanup --backend aws --allow-real-aws");
            }
        }
    }
}
