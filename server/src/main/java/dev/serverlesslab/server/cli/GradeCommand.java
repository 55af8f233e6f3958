package dev.serverlesslab.server.cli;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.exercise.ExerciseDefinitionException;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.graders.Grader;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** {@code lab grade}: grades a folder of Java sources, prints progress, writes reports, exits 0 / 1 / 2. */
final class GradeCommand {

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

    /** Reads {@code lab grade}'s options; CI templates are checked against this, so it stays the one parser. */
    static Arguments parse(List<String> rawArgs) {
        return new Arguments("grade", rawArgs,
                Set.of("exercise", "content", "json", "junit", "results-json", "summary", "backend", "endpoint",
                        "image", "region", "profile"),
                Set.of("classroom", Confinement.ALLOW_FLAG));
    }

    int run(List<String> rawArgs) {
        Arguments args = parse(rawArgs);
        String exerciseId = args.option("exercise")
                .orElseThrow(() -> new UsageException("--exercise ID is required, e.g. ./lab grade --exercise hello-lambda DIR"));
        if (args.positional().size() != 1) {
            throw new UsageException("give exactly one folder of Java sources to grade, e.g. "
                    + "./lab grade --exercise " + exerciseId + " src/main/java (got " + args.positional().size() + ")");
        }
        Path contentDir = args.directory("content", home.resolve("content"));
        Exercise exercise = loadExercise(contentDir, exerciseId);
        Submission submission = loadSubmission(Path.of(args.positional().get(0)));
        if (backendName(args).equals("embedded")) {
            // Other backends run the code elsewhere (a LocalStack container, an emulator that states its own sandbox).
            confinement.get().require("grade", args.flag(Confinement.ALLOW_FLAG), out);
        }

        // A backend that cannot start (no Docker for localstack) is an error to report, not a crash: exit 2.
        AwsAccess access = access(args);
        try (Backend backend = backend(args, access)) {
            out.printf("Grading %s (%s) on the %s backend%s%n", exercise.id(), exercise.title(), backend.name(),
                    backend.name().equals("embedded") ? "" : " in " + backend.region() + " (" + access.source() + ")");
            GradingReport report;
            // Learner output is printed only while workflow commands are paused (in GitHub Actions).
            try (WorkflowCommands paused = WorkflowCommands.pause(out, System.getenv())) {
                report = new Grader(backend).grade(exercise, submission, new ConsoleProgress(out));
                ConsoleProgress.printSummary(out, report);
            }
            writeReports(args, report);
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
        } catch (ExerciseDefinitionException e) {
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

    private static String backendName(Arguments args) {
        return args.option("backend").orElse(args.option("endpoint").isPresent() ? "endpoint" : "embedded");
    }

    /** The region and credentials of the endpoint and localstack backends; the embedded one issues its own. */
    private AwsAccess access(Arguments args) {
        if (backendName(args).equals("embedded")) {
            for (String option : List.of("region", "profile")) {
                if (args.option(option).isPresent()) {
                    throw new UsageException("--" + option + " is for --backend endpoint or localstack; the embedded "
                            + "emulator runs in us-east-1 and issues each grading credentials of its own");
                }
            }
            return AwsAccess.perGradingAccounts();
        }
        try {
            return AwsAccess.fromEnvironment(environment, args.option("profile"), args.option("region"));
        } catch (IllegalArgumentException e) {
            throw new UsageException((e.getMessage().contains("not an AWS region") ? "--region: " : "--profile: ")
                    + e.getMessage());
        }
    }

    private static Backend backend(Arguments args, AwsAccess access) {
        String name = backendName(args);
        if (args.option("image").isPresent() && !name.equals("localstack")) {
            throw new UsageException("--image is the LocalStack image of --backend localstack, e.g. "
                    + "--backend localstack --image " + Backend.LOCALSTACK_DEFAULT_IMAGE + " (the backend is " + name + ")");
        }
        return switch (name) {
            case "embedded" -> Backend.embedded();
            case "endpoint" -> {
                String url = args.option("endpoint").orElseThrow(() ->
                        new UsageException("--backend endpoint needs --endpoint URL, e.g. --endpoint http://127.0.0.1:4566"));
                try {
                    yield Backend.endpoint(URI.create(url), access);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--endpoint: " + e.getMessage());
                }
            }
            case "localstack" -> {
                try {
                    yield Backend.localstack(args.option("image").orElse(Backend.LOCALSTACK_DEFAULT_IMAGE), access);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--image: " + e.getMessage());
                }
            }
            default -> throw new UsageException("unknown backend '" + name + "'; use embedded, endpoint or localstack");
        };
    }

    /** Writes every report format asked for; a file that cannot be written is said, but never hides the verdict. */
    private void writeReports(Arguments args, GradingReport report) {
        args.option("json").ifPresent(file -> write("JSON report", file, report.toJson()));
        args.option("junit").ifPresent(file -> write("JUnit XML", file, JUnitXml.of(report)));
        args.option("results-json").ifPresent(file -> write("results.json", file, ExercismResults.of(report)));
        args.option("summary").ifPresent(file -> write("Markdown summary", file, MarkdownSummary.of(report)));
        if (args.flag("classroom")) {
            String line = "result=" + ClassroomResult.encoded(report);
            out.println(line);
            // In GitHub Actions the reporter reads the runner's step output named "result".
            String githubOutput = System.getenv("GITHUB_OUTPUT");
            if (githubOutput != null && !githubOutput.isBlank()) {
                append(Path.of(githubOutput), line + "\n");
            }
        }
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
