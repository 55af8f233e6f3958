package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.format.ConsoleText;
import dev.serverlesslab.server.validate.ContentProblem;
import dev.serverlesslab.server.validate.ContentValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code lab validate}: proves the course content works; exits 1 on any problem, listing each with what to fix. */
@Command(name = "validate", description = {"Prove the course works: lessons load, links resolve, Markdown is "
        + "supported, web statements hold no terminal commands, every solution passes, every starter fails; lists "
        + "every problem at once.", "Exit code: 0 valid, 1 problems, 2 could not validate."})
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--content", paramLabel = "DIR", description = "The course folder (default: ./content).")
    String contentOption;

    @Option(names = "--exercise", paramLabel = "ID", description = "Grade only this exercise (repeatable); the "
            + "rest of the course is still checked, short of grading. For authors iterating on one exercise.")
    List<String> exercises = new ArrayList<>();

    @Mixin
    AllowUnconfined allowUnconfined;

    @Mixin
    HelpOption help;

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    ValidateCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    @Override
    public Integer call() {
        Path content = OptionValues.directory("--content", contentOption, home.resolve("content"));
        // Solutions and starters are code like any learner's: an instructor's course may come from anywhere.
        Confinement confined = confinement.get();
        confined.require("validate", allowUnconfined.allowed, out);
        if (!exercises.isEmpty()) {
            List<String> known = ExerciseCatalog.loadReporting(content).catalog().all().stream()
                    .map(Exercise::id).toList();
            List<String> unknown = exercises.stream().filter(id -> !known.contains(id)).toList();
            if (!unknown.isEmpty()) {
                throw new UsageException("--exercise names no exercise of " + content + ": " + String.join(", ",
                        unknown) + "; the exercises are: " + String.join(", ", known));
            }
        }
        out.println("Validating " + content
                + (exercises.isEmpty() ? "" : ", grading only " + String.join(", ", exercises)));
        List<ContentProblem> problems;
        Predicate<String> graded = exercises.isEmpty() ? id -> true : exercises::contains;
        try (Backend backend = confined.embeddedBackend()) {
            problems = new ContentValidator(backend).validate(content, line -> {
                // Lines quote the solutions' gradings, whose output is handler output like any other.
                ConsoleText.lines(line).forEach(out::println);
                out.flush();
            }, graded);
        }
        out.println();
        if (problems.isEmpty()) {
            out.println("Content is valid.");
            return 0;
        }
        out.println(problems.size() + " problem(s):");
        problems.forEach(p -> ConsoleText.lines(p.toString()).forEach(line -> out.println("  " + line)));
        return 1;
    }
}
