package dev.serverlesslab.server.cli;

import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.format.ConsoleText;
import dev.serverlesslab.server.validate.ContentProblem;
import dev.serverlesslab.server.validate.ContentValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code lab validate}: proves the course content works; exits 1 on any problem, listing each with what to fix. */
final class ValidateCommand {

    private final Path home;
    private final PrintStream out;

    ValidateCommand(Path home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    int run(List<String> rawArgs) {
        Arguments args = new Arguments("validate", rawArgs, Set.of("content"), Set.of());
        if (!args.positional().isEmpty()) {
            throw new UsageException("'lab validate' takes no arguments (use --content DIR), got " + args.positional());
        }
        Path content = args.directory("content", home.resolve("content"));
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
