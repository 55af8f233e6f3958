package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself: generated help for every command, errors naming the option, completion, README. */
class LabCommandLineTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String SOLUTION = HOME.resolve("content/exercises/hello-lambda/solution").toString();

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Lab lab(Map<String, String> environment) {
        return new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> new Confinement(true, "test", Sandbox.detect()), environment);
    }

    private int lab(String... args) {
        return lab(Map.of("HOME", temp.toString())).run(List.of(args));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The commands as the code declares them, with their option names (bench reads its own). */
    private static Map<String, Set<String>> declaredOptions() {
        CommandLine root = new Lab(HOME, System.out, System.err).commandLine();
        Map<String, Set<String>> commands = new java.util.TreeMap<>();
        root.getSubcommands().forEach((name, command) -> {
            CommandLine leaf = name.equals("admin") ? command.getSubcommands().get("create") : command;
            commands.put(name, leaf.getCommandSpec().options().stream().flatMap(o -> List.of(o.names()).stream())
                    .collect(Collectors.toCollection(TreeSet::new)));
        });
        return commands;
    }

    @Test
    void everyCommand_answersHelp_withItsOwnOptions_andExitsZero() {
        for (var command : declaredOptions().entrySet()) {
            out.reset();
            List<String> args = command.getKey().equals("admin") ? List.of("admin", "create", "--help")
                    : List.of(command.getKey(), "--help");

            assertEquals(0, lab(args.toArray(String[]::new)), command.getKey() + ": " + err());
            if (command.getKey().equals("help")) {
                continue; // 'help --help' describes the help command in picocli's own words
            }
            assertTrue(out().startsWith("Usage: lab " + String.join(" ", args.subList(0, args.size() - 1))), out());
            for (String option : command.getValue()) {
                assertTrue(out().contains(option), command.getKey() + " --help lists " + option + ":\n" + out());
            }
        }
    }

    @Test
    void helpCommand_listsEveryCommand_andGivesOneCommandsUsage() {
        assertEquals(0, lab("help"));
        for (String command : declaredOptions().keySet()) {
            assertTrue(out().lines().anyMatch(line -> line.matches("\\s+" + command + "\\s+\\S.*")), command + ":\n" + out());
        }
        out.reset();

        assertEquals(0, lab("help", "grade"));
        assertTrue(out().contains("--exercise=ID") || out().contains("--exercise ID"), out());
        assertTrue(out().contains("--profile"), out());
    }

    @Test
    void benchHelp_isAnswered_andItsOptionsStillReachBench() {
        assertEquals(0, lab("bench", "--help"));
        assertTrue(out().contains("--load N") && out().contains("--runs N"), out());

        assertEquals(2, lab("bench", "--workers", "2"));
        assertTrue(err().contains("--workers only applies with --load"), "bench parsed its own options: " + err());
    }

    @Test
    void misspelledOption_exitsTwo_namingItAndTheCommandsOptions() {
        assertEquals(2, lab("serve", "--prot", "8080"));

        assertTrue(err().contains("unknown option --prot for 'lab serve'; allowed: "), err());
        assertTrue(err().contains("--port"), err());
        assertTrue(err().contains("Run './lab serve --help'"), err());
    }

    @Test
    void optionWithoutItsValue_exitsTwo_namingTheOption() {
        assertEquals(2, lab("grade", SOLUTION, "--exercise"));

        assertTrue(err().contains("'--exercise'"), err());
    }

    @Test
    void argumentsToACommandThatTakesNone_areRefused() {
        assertEquals(2, lab("emulator", "extra"));

        assertTrue(err().contains("'lab emulator' takes no arguments besides its options, got [extra]"), err());
    }

    @Test
    void anArgumentStartingWithAt_isAFolderName_notAFileOfArguments() throws IOException {
        Files.writeString(temp.resolve("args"), "--exercise\nhello-lambda\n");

        assertEquals(2, lab("grade", "@" + temp.resolve("args")));

        assertTrue(err().contains("--exercise ID is required"), err());
    }

    @Test
    void completion_printsABashScriptCoveringCommandsAndOptions() {
        assertEquals(0, lab("completion"));

        assertTrue(out().contains("complete -F _complete_lab"), out());
        for (String word : List.of("serve", "grade", "emulator", "--exercise", "--backend", "--region", "--profile",
                "--allow-unconfined", "--heartbeat-timeout")) {
            assertTrue(out().contains(word), "completes " + word);
        }
    }

    @Test
    void readmeCommandTable_hasARowPerCommand_andNamesOnlyOptionsTheCodeDeclares() throws IOException {
        String readme = Files.readString(HOME.resolve("README.md"));
        Map<String, Set<String>> declared = declaredOptions();
        Set<String> documented = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `\\./lab (\\w+)([^`]*)` \\|").matcher(readme);
        while (row.find()) {
            String command = row.group(1);
            documented.add(command);
            if (!declared.containsKey(command)) {
                wrong.add("README documents ./lab " + command + ", which the CLI does not have");
                continue;
            }
            if (command.equals("bench")) {
                continue; // bench reads its own options (BenchCommand)
            }
            Matcher option = Pattern.compile("--[a-z-]+").matcher(row.group(2));
            while (option.find()) {
                if (!declared.get(command).contains(option.group())) {
                    wrong.add("README's ./lab " + command + " row names " + option.group() + ", which it does not take");
                }
            }
        }

        assertEquals(declared.keySet(), documented, "a README row per command");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void regionOrProfile_withTheEmbeddedBackend_isAUsageError() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", "--region", "eu-west-3", SOLUTION));

        assertTrue(err().contains("--region is for --backend endpoint, localstack or aws"), err());
    }

    @Test
    void unknownProfile_exitsTwo_namingIt() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", "--endpoint", "http://127.0.0.1:9", "--profile",
                "nobody", SOLUTION));

        assertTrue(err().contains("--profile: there is no AWS profile 'nobody'"), err());
    }

    @Test
    void grade_throughTheEndpointBackend_inEuWest3_withAProfilesKeys_passes() throws IOException {
        Path credentials = Files.writeString(temp.resolve("credentials"),
                "[grader]\naws_access_key_id = AKIAGRADER0000000001\naws_secret_access_key = grader-secret\n");
        // As './lab emulator --region eu-west-3' runs it: LocalStack's rules for keys, a region of its own.
        try (Emulator emulator = Emulator.start(new EmulatorConfig("127.0.0.1", 0, "eu-west-3", null))) {
            int code = lab(Map.of("HOME", temp.toString(), "AWS_SHARED_CREDENTIALS_FILE", credentials.toString()))
                    .run(List.of("grade", "--exercise", "hello-lambda", "--backend", "endpoint", "--endpoint",
                            emulator.endpoint().toString(), "--region", "eu-west-3", "--profile", "grader",
                            SOLUTION));

            assertEquals(0, code, out() + err());
        }
        assertTrue(out().lines().findFirst().orElse("")
                .endsWith("on the endpoint backend in eu-west-3 (AWS profile 'grader')"), out());
        assertFalse(out().contains("grader-secret") || out().contains("AKIAGRADER"), "keys are never printed");
    }
}
