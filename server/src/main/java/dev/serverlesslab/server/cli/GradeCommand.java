package dev.serverlesslab.server.cli;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.content.ContentException;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.aws.AwsBackend;
import dev.serverlesslab.graders.aws.GradingPlan;
import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendUnavailableException;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.format.ClassroomResult;
import dev.serverlesslab.graders.report.format.ExercismResults;
import dev.serverlesslab.graders.report.format.JUnitXml;
import dev.serverlesslab.graders.report.format.MarkdownSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import java.util.function.Supplier;

/** {@code lab grade}: grades a folder of Java sources, prints progress, writes reports, exits 0 / 1 / 2. */
@Command(name = "grade", description = {"Grade a folder of Java sources against an exercise's checks.",
    "Exit code: 0 all checks pass, 1 some fail (or it does not compile), 2 could not grade."})
final class GradeCommand implements Callable<Integer> {

    @Option(names = "--exercise", paramLabel = "ID", description = "The exercise to grade against, e.g. hello-lambda.")
    String exerciseId;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "The folder of Java sources, e.g. src/main/java.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--content", paramLabel = "DIR", description = "The course folder (default: ./content).")
    String content;

    @Option(names = "--backend", paramLabel = "embedded|endpoint|localstack|aws", description = "Where the function "
            + "is deployed (default: embedded, or endpoint when --endpoint is given); aws is a real AWS account meant "
            + "for grading and needs --allow-real-aws.")
    String backend;

    @Option(names = "--allow-real-aws", description = "With --backend aws: confirm that the grading may create (and "
            + "then delete) resources in the real AWS account of your credentials, which can cost money.")
    boolean allowRealAws;

    @Option(names = "--dry-run", description = "With --backend aws: print what a grading would create and its cost "
            + "estimate, and create nothing.")
    boolean dryRun;

    @Option(names = "--endpoint", paramLabel = "URL", description = "With --backend endpoint: a running LocalStack-"
            + "compatible endpoint, e.g. http://127.0.0.1:4566.")
    String endpoint;

    @Option(names = "--image", paramLabel = "IMAGE", description = "With --backend localstack: the image (default: "
            + "localstack/localstack:4.14.0; needs Docker).")
    String image;

    @Option(names = "--region", paramLabel = "R", description = "endpoint, localstack and aws: the region (default: "
            + "AWS_REGION, AWS_DEFAULT_REGION, the profile's, else us-east-1).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "endpoint, localstack and aws: the AWS profile whose "
            + "credentials to use (default: AWS_ACCESS_KEY_ID, AWS_PROFILE, the default profile, else a fresh account "
            + "per grading).")
    String profile;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the full report as JSON.")
    String json;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML.")
    String junit;

    @Option(names = "--results-json", paramLabel = "FILE", description = "Write Exercism's results.json (v3).")
    String resultsJson;

    @Option(names = "--summary", paramLabel = "FILE", description = "Append a Markdown summary, e.g. to "
            + "$GITHUB_STEP_SUMMARY.")
    String summary;

    @Option(names = "--classroom", description = "Print result=<base64> for GitHub Classroom and add it to "
            + "$GITHUB_OUTPUT.")
    boolean classroom;

    @Mixin
    AllowUnconfined allowUnconfined;

    @Mixin
    HelpOption help;

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Confinement> confinement;
    private final Map<String, String> environment;

    /** @param environment where the AWS credentials and region of the endpoint and localstack backends are read */
    GradeCommand(Path home, PrintStream out, PrintStream err, Supplier<Confinement> confinement,
            Map<String, String> environment) {
        this.home = home;
        this.out = out;
        this.err = err;
        this.confinement = confinement;
        this.environment = environment;
    }

    /**
     * Reads {@code lab grade}'s options as {@code ./lab grade} does (CI templates are checked against this), without
     * running anything; a wrong option throws {@link UsageException}.
     */
    static GradeCommand parse(List<String> rawArgs) {
        GradeCommand grade = new GradeCommand(Path.of("."), System.out, System.err, Confinement::detect, Map.of());
        try {
            new CommandLine(grade).setExpandAtFiles(false).parseArgs(rawArgs.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(Lab.problem(e));
        }
        return grade;
    }

    @Override
    public Integer call() {
        if (exerciseId == null) {
            throw new UsageException("--exercise ID is required, e.g. ./lab grade --exercise hello-lambda DIR");
        }
        if (sources.size() != 1) {
            throw new UsageException("give exactly one folder of Java sources to grade, e.g. "
                    + "./lab grade --exercise " + exerciseId + " src/main/java (got " + sources.size() + ")");
        }
        Path contentDir = OptionValues.directory("--content", content, home.resolve("content"));
        Exercise exercise = loadExercise(contentDir, exerciseId);
        Submission submission = loadSubmission(Path.of(sources.get(0)));
        Confinement confined = null;
        if (backendName().equals("embedded")) {
            // Other backends run the code elsewhere (a LocalStack container, an emulator that states its own sandbox).
            confined = confinement.get();
            confined.require("grade", allowUnconfined.allowed, out);
        }

        // A backend that cannot start (no Docker for localstack) is an error to report, not a crash: exit 2.
        AwsAccess access = access();
        if (backendName().equals("aws")) {
            Optional<Integer> stopped = prepareRealAws(exercise, access);
            if (stopped.isPresent()) {
                return stopped.get();
            }
        } else if (dryRun || allowRealAws) {
            throw new UsageException((dryRun ? "--dry-run" : "--allow-real-aws") + " is for --backend aws (the backend "
                    + "is " + backendName() + ")");
        }
        try (Backend backend = backend(access, confined)) {
            // DynamoDB Local starts while the submission compiles.
            backend.prepareFor(List.of(exercise));
            out.printf("Grading %s (%s) on the %s backend%s%n", exercise.id(), exercise.title(), backend.name(),
                    backend.name().equals("embedded") ? "" : " in " + backend.region() + " (" + access.source() + ")");
            GradingReport report;
            // Learner output is printed only while workflow commands are paused (in GitHub Actions).
            try (WorkflowCommands paused = WorkflowCommands.pause(out, System.getenv())) {
                report = new Grader(backend).grade(exercise, submission, new ConsoleProgress(out));
                ConsoleProgress.printSummary(out, report);
            }
            writeReports(report);
            return switch (report.status()) {
                case PASSED -> 0;
                case FAILED -> 1;
                default -> 2;
            };
        } catch (BackendUnavailableException e) {
            err.println("lab: " + e.getMessage());
            return 2;
        }
    }

    private Exercise loadExercise(Path contentDir, String id) {
        ExerciseCatalog catalog;
        try {
            catalog = ExerciseCatalog.load(contentDir);
        } catch (ContentException e) {
            throw new UsageException("the course content has a problem: " + e.getMessage());
        }
        return catalog.find(id).orElseThrow(() -> new UsageException("unknown exercise '" + id + "'; exercises in "
                + contentDir + ": " + String.join(", ", catalog.all().stream().map(Exercise::id).toList())));
    }

    private static Submission loadSubmission(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UsageException("the folder to grade does not exist: " + dir.toAbsolutePath().normalize());
        }
        try {
            return Submission.fromDirectory(dir);
        } catch (SubmissionException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String backendName() {
        return backend != null ? backend : endpoint != null ? "endpoint" : "embedded";
    }

    /**
     * Refuses what the aws backend cannot handle, prints the plan and cost estimate, and stops there for a dry run or
     * without {@code --allow-real-aws}; empty when the grading may go ahead.
     */
    private Optional<Integer> prepareRealAws(Exercise exercise, AwsAccess access) {
        List<String> refusals = GradingPlan.refusals(exercise);
        if (!refusals.isEmpty()) {
            err.println("lab: the aws backend will not grade " + exercise.id() + ": " + String.join(" ", refusals));
            return Optional.of(2);
        }
        out.print(GradingPlan.of(exercise).describe(access.region().orElse("your region (--region)")));
        if (dryRun) {
            out.println("Dry run: nothing was created (AWS was not contacted).");
            return Optional.of(0);
        }
        if (!allowRealAws) {
            throw new UsageException("--backend aws creates the resources above in a real AWS account, which can cost "
                    + "money: add --allow-real-aws to go ahead, or --dry-run to see only this plan");
        }
        return Optional.empty();
    }

    /** The region and credentials of the endpoint, localstack and aws backends; the embedded one issues its own. */
    private AwsAccess access() {
        if (backendName().equals("embedded")) {
            if (region != null || profile != null) {
                throw new UsageException("--" + (region != null ? "region" : "profile") + " is for --backend endpoint, "
                        + "localstack or aws; the embedded emulator runs in us-east-1 and issues each grading credentials "
                        + "of its own");
            }
            return AwsAccess.perGradingAccounts();
        }
        try {
            return AwsAccess.fromEnvironment(environment, Optional.ofNullable(profile), Optional.ofNullable(region));
        } catch (IllegalArgumentException e) {
            throw new UsageException((e.getMessage().contains("not an AWS region") ? "--region: " : "--profile: ")
                    + e.getMessage());
        }
    }

    /** @param confined how the embedded backend confines learner code; null for the others */
    private Backend backend(AwsAccess access, Confinement confined) {
        String name = backendName();
        if (image != null && !name.equals("localstack")) {
            throw new UsageException("--image is the LocalStack image of --backend localstack, e.g. "
                    + "--backend localstack --image localstack/localstack:4.14.0 (the backend is " + name + ")");
        }
        return switch (name) {
            case "embedded" -> confined.embeddedBackend();
            case "endpoint" -> {
                if (endpoint == null) {
                    throw new UsageException("--backend endpoint needs --endpoint URL, e.g. --endpoint http://127.0.0.1:4566");
                }
                String url = endpoint;
                try {
                    yield Backend.endpoint(URI.create(url), access);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--endpoint: " + e.getMessage());
                }
            }
            case "localstack" -> {
                try {
                    // An optional module: ./lab puts it on the class path only for --backend localstack.
                    yield Backend.optional("localstack", access, image == null ? Map.of() : Map.of("image", image));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--image: " + e.getMessage());
                }
            }
            // Teardown runs in the grader's finally; AwsBackend's shutdown hook deletes what a grading cut short left.
            case "aws" -> AwsBackend.start(access);
            default -> throw new UsageException("unknown backend '" + name + "'; use embedded, endpoint, localstack or "
                    + "aws");
        };
    }

    /** Writes every report format asked for; a file that cannot be written is said, but never hides the verdict. */
    private void writeReports(GradingReport report) {
        Optional.ofNullable(json).ifPresent(file -> write("JSON report", file, report.toJson()));
        Optional.ofNullable(junit).ifPresent(file -> write("JUnit XML", file, JUnitXml.of(report)));
        Optional.ofNullable(resultsJson).ifPresent(file -> write("results.json", file, ExercismResults.of(report)));
        Optional.ofNullable(summary).ifPresent(file -> write("Markdown summary", file, MarkdownSummary.of(report)));
        if (classroom) {
            String line = "result=" + ClassroomResult.encoded(report);
            out.println(line);
            // In GitHub Actions the reporter reads the runner's step output named "result".
            String githubOutput = System.getenv("GITHUB_OUTPUT");
            if (githubOutput != null && !githubOutput.isBlank()) {
                append(Path.of(githubOutput), line + "\n");
            }
        }
    }

    /** The exercise asked for, if any (for checks of command lines). */
    Optional<String> exercise() {
        return Optional.ofNullable(exerciseId);
    }

    /** The folders of sources given. */
    List<String> sources() {
        return List.copyOf(sources);
    }

    /** Whether running learner code unconfined was accepted. */
    boolean allowsUnconfined() {
        return allowUnconfined.allowed;
    }

    private void write(String what, String file, String text) {
        try {
            Path path = Path.of(file);
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            // Summaries are appended so several gradings can share $GITHUB_STEP_SUMMARY; other reports are replaced.
            if (what.equals("Markdown summary")) {
                Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(path, text, StandardCharsets.UTF_8);
            }
            out.println(what + " written to " + file);
        } catch (IOException | RuntimeException e) {
            err.println("lab: could not write the " + what + " to " + file + ": " + e.getMessage());
        }
    }

    private void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("lab: could not append to " + file + ": " + e.getMessage());
        }
    }
}
