package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.aws.AwsBackend;
import dev.serverlesslab.graders.aws.ManagedResources;
import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.BackendUnavailableException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** {@code lab cleanup --backend aws}: finds what gradings left in a real AWS account and deletes it, saying what. */
@Command(name = "cleanup", description = {"Delete what Serverless Lab gradings left in a real AWS account: resources "
        + "tagged serverlesslab:managed-by=serverless-lab, IAM roles under /serverless-lab/, log groups "
        + "/aws/lambda/serverless-lab-*, SDK layers serverless-lab-sdk-*.",
    "Exit code: 0 nothing is left, 1 something could not be deleted, 2 could not look."})
final class CleanupCommand implements Callable<Integer> {

    @Option(names = "--backend", paramLabel = "aws", description = "The backend to clean up; only aws keeps "
            + "anything after a grading.")
    String backend;

    @Option(names = "--region", paramLabel = "R", description = "The region (default: AWS_REGION, AWS_DEFAULT_REGION, "
            + "the profile's).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "The AWS profile whose credentials to use "
            + "(default: AWS_ACCESS_KEY_ID, AWS_PROFILE, the default profile).")
    String profile;

    @Option(names = "--allow-real-aws", description = "Confirm that resources in the real AWS account of your "
            + "credentials may be deleted.")
    boolean allowRealAws;

    @Mixin
    HelpOption help;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;

    CleanupCommand(PrintStream out, PrintStream err, Map<String, String> environment) {
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (!"aws".equals(backend)) {
            throw new UsageException("cleanup needs --backend aws: the other backends give each grading an account of "
                    + "its own that ends with them" + (backend == null ? "" : " (got " + backend + ")"));
        }
        if (!allowRealAws) {
            throw new UsageException("cleanup deletes resources in a real AWS account: add --allow-real-aws to go ahead");
        }
        AwsAccess access;
        try {
            access = AwsAccess.fromEnvironment(environment, Optional.ofNullable(profile), Optional.ofNullable(region));
        } catch (IllegalArgumentException e) {
            throw new UsageException((e.getMessage().contains("not an AWS region") ? "--region: " : "--profile: ")
                    + e.getMessage());
        }
        try (AwsBackend aws = AwsBackend.start(access);
             ManagedResources managed = new ManagedResources(new AwsClients(aws, aws.platformAccount()))) {
            List<ManagedResources.Found> found = managed.find(null);
            if (found.isEmpty()) {
                out.println("Nothing made by Serverless Lab gradings in " + aws.region() + " (" + access.source() + ").");
                return 0;
            }
            out.println("Deleting " + found.size() + " resource(s) made by Serverless Lab gradings in " + aws.region()
                    + " (" + access.source() + "):");
            found.forEach(resource -> out.println("  " + resource));
            List<String> problems = managed.delete(found);
            problems.forEach(problem -> err.println("lab: " + problem));
            out.println(problems.isEmpty() ? "Deleted." : problems.size() + " could not be deleted; run cleanup again "
                    + "or delete them in the AWS console.");
            return problems.isEmpty() ? 0 : 1;
        } catch (BackendUnavailableException e) {
            err.println("lab: " + e.getMessage());
            return 2;
        } catch (SdkException e) {
            err.println("lab: could not list what gradings left: " + e.getMessage());
            return 2;
        }
    }
}
