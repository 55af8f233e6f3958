package dev.serverlesslab.server.cli;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.exercise.ExerciseDefinitionException;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code lab grade}: grades a folder of Java sources, prints progress, writes reports, exits 0 / 1 / 2. */
final class GradeCommand {

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;

    GradeCommand(Path home, PrintStream out, PrintStream err) {
        this.home = home;
        this.out = out;
        this.err = err;
    }

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("grade", rawArgs, Set.of("exercise", "content", "json", "backend", "endpoint"),
                Set.of());
        String exerciseId = args.option("exercise")
                .orElseThrow(() -> new UsageException("--exercise ID is required, e.g. ./lab grade --exercise hello-lambda DIR"));
        if (args.positional().size() != 1) {
            throw new UsageException("give exactly one folder of Java sources to grade, e.g. "
                    + "./lab grade --exercise " + exerciseId + " src/main/java (got " + args.positional().size() + ")");
        }
        Path contentDir = args.directory("content", home.resolve("content"));
        Exercise exercise = loadExercise(contentDir, exerciseId);
        Submission submission = loadSubmission(Path.of(args.positional().get(0)));
        Path jsonFile = args.option("json").map(Path::of).orElse(null);

        try (Backend backend = backend(args)) {
            out.printf("Grading %s (%s) on the %s backend%n", exercise.id(), exercise.title(), backend.name());
            GradingReport report = new Grader(backend).grade(exercise, submission, new ConsoleProgress(out));
            ConsoleProgress.printSummary(out, report);
            if (jsonFile != null) {
                writeReport(jsonFile, report);
            }
            return switch (report.status()) {
                case PASSED -> 0;
                case FAILED -> 1;
                default -> 2;
            };
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

    private static Backend backend(Arguments args) {
        String name = args.option("backend").orElse(args.option("endpoint").isPresent() ? "endpoint" : "embedded");
        return switch (name) {
            case "embedded" -> Backend.embedded();
            case "endpoint" -> {
                String url = args.option("endpoint").orElseThrow(() ->
                        new UsageException("--backend endpoint needs --endpoint URL, e.g. --endpoint http://127.0.0.1:4566"));
                try {
                    yield Backend.endpoint(URI.create(url));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--endpoint: " + e.getMessage());
                }
            }
            default -> throw new UsageException("unknown backend '" + name + "'; use embedded or endpoint");
        };
    }

    private void writeReport(Path file, GradingReport report) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, report.toJson(), StandardCharsets.UTF_8);
            out.println("Report written to " + file);
        } catch (IOException e) {
            err.println("lab: could not write the report to " + file + ": " + e.getMessage());
        }
    }
}
