package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.format.ConsoleText;
import dev.serverlesslab.server.validate.ContentProblem;
import dev.serverlesslab.server.validate.ContentValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code lab validate}: proves the course content works; exits 1 on any problem, listing each with what to fix. */
final class ValidateCommand {

    private final Path home;
    private final PrintStream out;
    private final Supplier<Confinement> confinement;

    ValidateCommand(Path home, PrintStream out, Supplier<Confinement> confinement) {
        this.home = home;
        this.out = out;
        this.confinement = confinement;
    }

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("validate", rawArgs, Set.of("content"), Set.of(Confinement.ALLOW_FLAG));
        if (!args.positional().isEmpty()) {
            throw new UsageException("'lab validate' takes no arguments (use --content DIR), got " + args.positional());
        }
        Path content = args.directory("content", home.resolve("content"));
        // Solutions and starters are code like any learner's: an instructor's course may come from anywhere.
        confinement.get().require("validate", args.flag(Confinement.ALLOW_FLAG), out);
        out.println("Validating " + content);
        List<ContentProblem> problems;
        try (Backend backend = Backend.embedded()) {
            problems = new ContentValidator(backend).validate(content, line -> {
                // Lines quote the solutions' gradings, whose output is handler output like any other.
                ConsoleText.lines(line).forEach(out::println);
                out.flush();
            });
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
