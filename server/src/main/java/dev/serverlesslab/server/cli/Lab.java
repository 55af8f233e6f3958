package dev.serverlesslab.server.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code lab} command line on picocli: {@code serve}, {@code worker}, {@code grade}, {@code emulator} and the
 * rest. Each command declares its options on itself, so {@code ./lab help} and {@code ./lab COMMAND --help} are
 * generated from the same code that reads them.
 */
public final class Lab {

    /** The top of the command tree: no options of its own, only the commands. */
    @Command(name = "lab", customSynopsis = "./lab COMMAND [OPTIONS]",
            description = "Serverless Lab: a course that teaches serverless on AWS by doing.",
            footer = {"", "Run './lab COMMAND --help' for a command's options.",
                "serve, worker, grade (embedded backend), validate and bench run learner or solution code: they say how "
                        + "it is confined and refuse (exit code 2) when bubblewrap cannot confine it, unless "
                        + "--allow-unconfined accepts the risk."},
            synopsisSubcommandLabel = "COMMAND")
    static final class Root {
        @CommandLine.Mixin
        HelpOption help;
    }

    /** {@code lab admin}: a group whose one command is {@code create}. */
    @Command(name = "admin", description = "Manage class-mode accounts: lab admin create --username NAME")
    static final class AdminGroup {
        @CommandLine.Mixin
        HelpOption help;
    }

    private final Path home;
    private final PrintStream out;
    private final PrintStream err;
    private final Supplier<Confinement> confinement;
    private final Map<String, String> environment;

    Lab(Path home, PrintStream out, PrintStream err) {
        this(home, out, err, Confinement::detect);
    }

    /** @param confinement how learner code would be confined here; asked only by commands that run it */
    Lab(Path home, PrintStream out, PrintStream err, Supplier<Confinement> confinement) {
        this(home, out, err, confinement, System.getenv());
    }

    /** @param environment the process environment commands read (AWS credentials and region) */
    Lab(Path home, PrintStream out, PrintStream err, Supplier<Confinement> confinement,
            Map<String, String> environment) {
        this.home = home;
        this.out = out;
        this.err = err;
        this.confinement = confinement;
        this.environment = environment;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("lab.home", ".")).toAbsolutePath().normalize();
        Lab lab;
        if (args.length > 0 && args[0].equals("serve")) {
            // serve always asks how learner code is confined: the bubblewrap probe (a process) runs meanwhile, on a
            // daemon thread of its own, and the command takes its answer when it needs it.
            java.util.concurrent.CompletableFuture<Confinement> probe = java.util.concurrent.CompletableFuture
                    .supplyAsync(Confinement::detect, task -> {
                        Thread prober = new Thread(task, "sandbox-probe");
                        prober.setDaemon(true);
                        prober.start();
                    });
            lab = new Lab(home, System.out, System.err, () -> {
                try {
                    return probe.join();
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException cause ? cause : e;
                }
            });
        } else {
            lab = new Lab(home, System.out, System.err);
        }
        int code = lab.run(Arrays.asList(args));
        // serve and emulator block in their own command until stopped; every other command is done here.
        System.exit(code);
    }

    /** The whole command tree, with fresh command objects: picocli writes parsed options into them. */
    CommandLine commandLine() {
        return commandLine(commands().keySet());
    }

    /**
     * The commands by name, in the order help lists them, each made only when asked for: picocli reads a command's
     * annotations by reflection to build its model, which for all of them was a fifth of a second of every start.
     */
    private Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", () -> new ServeCommand(home, out, confinement));
        commands.put("worker", () -> new WorkerCommand(home, out, confinement));
        commands.put("admin", () -> new CommandLine(new AdminGroup()).addSubcommand(new AdminCommand(home, out)));
        commands.put("grade", () -> new GradeCommand(home, out, err, confinement, environment));
        commands.put("cleanup", () -> new CleanupCommand(out, err, environment));
        commands.put("emulator", () -> new EmulatorCommand(out));
        commands.put("validate", () -> new ValidateCommand(home, out, confinement));
        // Every bench option belongs to BenchCommand: picocli passes them on in order instead of refusing them.
        commands.put("bench", () -> new CommandLine(new BenchPassThrough(home, out, confinement))
                .setUnmatchedOptionsArePositionalParams(true));
        commands.put("completion", () -> new CompletionCommand(out));
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** The tree with only the {@code named} commands under its root. */
    private CommandLine commandLine(java.util.Collection<String> named) {
        Map<String, Supplier<Object>> commands = commands();
        CommandLine lab = new CommandLine(new Root());
        named.forEach(name -> lab.addSubcommand(commands.get(name).get()));
        lab.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        lab.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        lab.setUsageHelpWidth(110);
        // A folder or file named @something is a path to grade, never a file of arguments to read.
        lab.setExpandAtFiles(false);
        return lab;
    }

    /** Runs one command and returns its exit code: 0 done, 1 its own failure (grade, validate), 2 a usage error. */
    int run(List<String> args) {
        // A command people run needs only itself in the tree; help, completion and unknown names need all of them.
        String first = args.isEmpty() ? "" : args.get(0);
        CommandLine lab = commands().containsKey(first) && !first.equals("help") && !first.equals("completion")
                ? commandLine(List.of(first)) : commandLine();
        if (args.isEmpty()) {
            lab.usage(out);
            return 2;
        }
        ParseResult parsed;
        try {
            parsed = lab.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            return usageError(problem(e), e.getCommandLine().getCommandName());
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        Object command = leaf.commandSpec().userObject();
        if (!(command instanceof Callable<?> callable)) {
            // "lab" or "lab admin" alone: say what follows.
            leaf.commandSpec().commandLine().usage(out);
            return 2;
        }
        try {
            return (Integer) callable.call();
        } catch (Confinement.Refused e) {
            err.println("lab: " + e.getMessage());
            return 2;
        } catch (UsageException e) {
            return usageError(e.getMessage(), leaf.commandSpec().qualifiedName(" ").replaceFirst("^lab ?", ""));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int usageError(String message, String command) {
        err.println("lab: " + message);
        err.println(command.isEmpty() || command.equals("lab") ? "Run './lab help' for the commands."
                : "Run './lab " + command + " --help' for its options.");
        return 2;
    }

    /** picocli's finding in this project's words: which option or argument was wrong and what is allowed. */
    static String problem(ParameterException e) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        String where = "'" + spec.qualifiedName(" ").replaceFirst("^lab", "lab") + "'";
        if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (spec.parent() == null) {
                return "unknown command '" + first + "'; use " + String.join(", ", spec.subcommands().keySet());
            }
            if (first.startsWith("-")) {
                String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                return "unknown option " + name + " for " + where + "; allowed: " + String.join(", ",
                        spec.options().stream().filter(o -> !o.usageHelp() && !o.hidden()).map(OptionSpec::longestName)
                                .sorted().toList());
            }
            return where + " takes no arguments besides its options, got " + unmatched.getUnmatched();
        }
        return e.getMessage();
    }
}
