package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CI templates we tell instructors to copy must call {@code lab grade} with options it accepts. */
class CiTemplatesTests {

    private static final Path TEMPLATES = Path.of("../ci-templates").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"github-actions.yml", "gitlab-ci.yml"})
    void everyLabGradeCommandInTheTemplate_isAcceptedByTheCli(String template) throws IOException {
        List<List<String>> commands = labGradeCommands(Files.readString(TEMPLATES.resolve(template)));

        assertFalse(commands.isEmpty(), template + " should run lab grade");
        for (List<String> args : commands) {
            GradeCommand parsed = GradeCommand.parse(args);
            assertTrue(parsed.exercise().isPresent(), "--exercise in " + args);
            assertEquals(1, parsed.sources().size(), "one sources folder in " + args);
        }
    }

    @Test
    void githubTemplate_installsBubblewrapAndAllowsItsNamespaces_soStudentCodeRunsConfined() throws IOException {
        String yaml = Files.readString(TEMPLATES.resolve("github-actions.yml"));

        assertTrue(yaml.contains("apt-get install -y -qq bubblewrap"), yaml);
        assertTrue(yaml.contains("sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"), yaml);
        for (List<String> args : labGradeCommands(yaml)) {
            assertFalse(args.contains("--allow-unconfined"), "GitHub runners can confine: " + args);
        }
    }

    @Test
    void gitlabTemplate_acceptsUnconfinedGradingOnlyKnowingly_withTheReasonBesideIt() throws IOException {
        String yaml = Files.readString(TEMPLATES.resolve("gitlab-ci.yml"));

        assertTrue(yaml.contains("apt-get install -y -qq bubblewrap"), yaml);
        assertTrue(yaml.contains("thrown away after the job"), "says why the flag is acceptable there: " + yaml);
    }

    /** Finds "lab grade ..." invocations, joining YAML folded lines, and splits them like a shell would. */
    static List<List<String>> labGradeCommands(String yaml) {
        String joined = yaml.replaceAll(">-\\s*\\n\\s*", "").replaceAll("\\n\\s{10,}(?=--)", " ");
        List<List<String>> commands = new ArrayList<>();
        Matcher m = Pattern.compile("lab grade ([^\\n]+)").matcher(joined);
        while (m.find()) {
            List<String> args = new ArrayList<>();
            Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(m.group(1));
            while (word.find()) {
                args.add(word.group(1) != null ? word.group(1) : word.group(2));
            }
            commands.add(args);
        }
        return commands;
    }
}
