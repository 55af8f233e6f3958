package dev.serverlesslab.graders.aws;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.FunctionSpec;
import dev.serverlesslab.graders.backend.ResourceNaming;
import dev.serverlesslab.graders.provision.Provisioner;
import dev.serverlesslab.graders.report.LambdaPricing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What grading an exercise in a real AWS account would create and what its Lambda part could cost at most, shown
 * before anything is deployed (and alone by {@code --dry-run}); and which exercises the aws backend refuses.
 *
 * @param resources one line per resource a grading creates
 * @param costLines how the estimate is made up, one line per function
 * @param maxUsd    the Lambda cost if every assumed invocation ran to its timeout
 */
public record GradingPlan(List<String> resources, List<String> costLines, double maxUsd) {

    /**
     * Invocations assumed per function: more than any course exercise's checks make (a few to a few dozen), so the
     * estimate is an upper bound rather than a guess.
     */
    static final int ASSUMED_INVOCATIONS = 100;

    public GradingPlan {
        resources = List.copyOf(resources);
        costLines = List.copyOf(costLines);
    }

    /**
     * Why the aws backend will not grade {@code exercise}: it creates, tags, tears down and cleans up the execution
     * role, KMS keys and aliases, SSM parameters, DynamoDB tables, functions, their log groups and APIs; the event
     * resources (S3, SQS, SNS, EventBridge, Scheduler, Step Functions, Kinesis) are not tagged or found by its
     * cleanup yet, so an exercise declaring any is refused before anything is created.
     */
    public static List<String> refusals(Exercise exercise) {
        if (exercise.resources().events().isEmpty()) {
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        var events = exercise.resources().events();
        addIf(kinds, "S3 buckets", !events.buckets().isEmpty());
        addIf(kinds, "SQS queues", !events.queues().isEmpty());
        addIf(kinds, "SNS topics", !events.topics().isEmpty());
        addIf(kinds, "EventBridge buses", !events.buses().isEmpty());
        addIf(kinds, "EventBridge rules", !events.rules().isEmpty());
        addIf(kinds, "Scheduler schedules", !events.schedules().isEmpty());
        addIf(kinds, "Step Functions state machines", !events.stateMachines().isEmpty());
        addIf(kinds, "Kinesis streams", !events.streams().isEmpty());
        return List.of("It declares " + String.join(", ", kinds) + ", which the aws backend does not tag, tear down "
                + "or clean up safely yet; grade it with --backend embedded (or endpoint/localstack).");
    }

    /** The plan for {@code exercise} named as {@link ResourceNaming#MANAGED} names things. */
    public static GradingPlan of(Exercise exercise) {
        List<String> resources = new ArrayList<>(Provisioner.plan(exercise, ResourceNaming.MANAGED));
        if (!exercise.sdk().isEmpty()) {
            resources.add("Lambda layer serverless-lab-sdk-<hash> with the AWS SDK modules " + String.join(", ",
                    exercise.sdk()) + ", kept for later gradings (./lab cleanup deletes it)");
        }
        List<String> costLines = new ArrayList<>();
        double total = 0;
        for (FunctionSpec function : exercise.functions().values()) {
            double gbSeconds = ASSUMED_INVOCATIONS * (function.memory() / 1024.0) * function.timeout();
            double usd = gbSeconds * LambdaPricing.USD_PER_GB_SECOND + ASSUMED_INVOCATIONS * LambdaPricing.USD_PER_REQUEST;
            total += usd;
            costLines.add(String.format(Locale.ROOT, "%s: %d invocations x %d MB x up to %d s = %.1f GB-s, $%.4f",
                    function.logicalName(), ASSUMED_INVOCATIONS, function.memory(), function.timeout(), gbSeconds, usd));
        }
        return new GradingPlan(resources, costLines, total);
    }

    /** The plan and the estimate as a person reads them before deciding. */
    public String describe(String region) {
        StringBuilder text = new StringBuilder("A grading creates in " + region + " (and deletes at its end):\n");
        resources.forEach(line -> text.append("  - ").append(line).append('\n'));
        text.append(String.format(Locale.ROOT, "Cost estimate, Lambda: at most $%.4f (AWS Lambda on-demand prices "
                + "checked %s, x86, US East, free tier ignored; every invocation assumed to run to its timeout)%n",
                maxUsd, LambdaPricing.CHECKED_ON));
        costLines.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("Not included: DynamoDB, KMS, SSM, API Gateway and CloudWatch Logs charges for the few requests "
                + "and bytes a grading makes; see their pricing pages.\n");
        return text.toString();
    }

    private static void addIf(List<String> kinds, String kind, boolean declared) {
        if (declared) {
            kinds.add(kind);
        }
    }
}
