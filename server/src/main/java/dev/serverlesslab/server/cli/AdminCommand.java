package dev.serverlesslab.server.cli;

import dev.serverlesslab.server.account.AccountException;
import dev.serverlesslab.server.account.AccountStore;
import dev.serverlesslab.server.account.PasswordRules;
import dev.serverlesslab.server.account.Passwords;
import dev.serverlesslab.server.account.Role;
import dev.serverlesslab.server.database.Database;
import dev.serverlesslab.server.database.DatabaseException;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code lab admin create --username NAME}: the first admin of class mode (and any later one). The password is asked
 * twice on the console, or read from {@code LAB_ADMIN_PASSWORD} for scripts; there is never a default password.
 */
@Command(name = "create", description = {"Create a class-mode admin. The password is asked twice, or read from "
        + "LAB_ADMIN_PASSWORD."})
final class AdminCommand implements Callable<Integer> {

    @Option(names = "--username", paramLabel = "NAME", description = "The name the admin signs in with.")
    String username;

    @Option(names = "--display-name", paramLabel = "NAME", description = "The name shown on pages.")
    String displayName;

    @Option(names = "--data", paramLabel = "DIR", description = "serve's --data folder (default: ./data).")
    String dataOption;

    @Option(names = "--database", paramLabel = "URL", description = "serve's --database, instead of --data.")
    String databaseUrl;

    @Mixin
    HelpOption help;

    static final String PASSWORD_VARIABLE = "LAB_ADMIN_PASSWORD";
    static final String USERNAME_VARIABLE = "LAB_ADMIN_USERNAME";

    /** Reads a password without echo; empty when there is no console to read from. */
    interface PasswordPrompt {
        Optional<char[]> read(String prompt);
    }

    private final Path home;
    private final PrintStream out;
    private final Map<String, String> environment;
    private final PasswordPrompt prompt;

    AdminCommand(Path home, PrintStream out) {
        this(home, out, System.getenv(), AdminCommand::consolePrompt);
    }

    AdminCommand(Path home, PrintStream out, Map<String, String> environment, PasswordPrompt prompt) {
        this.home = home;
        this.out = out;
        this.environment = environment;
        this.prompt = prompt;
    }

    /** {@code lab admin ARGS} without the rest of the command line, for tests and scripts. */
    int run(List<String> rawArgs) {
        if (rawArgs.isEmpty() || !rawArgs.get(0).equals("create")) {
            throw new UsageException("'lab admin' has one subcommand: lab admin create --username NAME "
                    + "[--display-name NAME] [--data DIR | --database URL]");
        }
        try {
            new CommandLine(this).setExpandAtFiles(false).parseArgs(rawArgs.subList(1, rawArgs.size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(Lab.problem(e));
        }
        return call();
    }

    @Override
    public Integer call() {
        if (username == null) {
            throw new UsageException("'lab admin create' needs --username NAME (the admin signs in with it)");
        }
        String password = password();
        Path data = (dataOption == null ? home.resolve("data") : Path.of(dataOption)).toAbsolutePath().normalize();
        Database database;
        try {
            database = databaseUrl != null ? Database.open(databaseUrl) : Database.embedded(data);
        } catch (DatabaseException e) {
            throw new UsageException(e.getMessage() + ". With the embedded database, stop './lab serve' first: "
                    + "only one process can open it");
        }
        try (database) {
            AccountStore accounts = new AccountStore(database, new Passwords(), Clock.systemUTC());
            var admin = accounts.create(username, displayName, Role.ADMIN, null,
                    password, false);
            out.println("Created admin '" + admin.username() + "' in " + database.description() + ".");
            out.println("Start the class with './lab serve --class' and sign in at /login.");
            return 0;
        } catch (AccountException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private String password() {
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        char[] first = prompt.read("Password for the admin (" + PasswordRules.RULE + "): ").orElseThrow(() ->
                new UsageException("no console to ask for the password: set " + PASSWORD_VARIABLE
                        + " in the environment instead"));
        char[] second = prompt.read("The same password again: ").orElseThrow(() ->
                new UsageException("no console to ask for the password: set " + PASSWORD_VARIABLE + " instead"));
        if (!new String(first).equals(new String(second))) {
            throw new UsageException("the two passwords differ; run the command again and type the same one twice");
        }
        return new String(first);
    }

    private static Optional<char[]> consolePrompt(String text) {
        Console console = System.console();
        return console == null ? Optional.empty() : Optional.ofNullable(console.readPassword("%s", text));
    }
}
