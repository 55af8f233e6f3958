package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Commands that run learner or solution code refuse to run it unconfined unless told to accept the risk, and say how
 * it is confined; the machine's real sandbox is replaced by a stand-in so the refusal is tested everywhere.
 */
class ConfinementPolicyTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String SOLUTION = HOME.resolve("content/exercises/hello-lambda/solution").toString();
    private static final Confinement UNCONFINED = Confinement.of(Sandbox.none("bwrap is not installed"));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger asked = new AtomicInteger();

    private int lab(Confinement confinement, String... args) {
        return new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
                    asked.incrementAndGet();
                    return confinement;
                }).run(List.of(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grade", "serve", "validate", "bench"})
    void commandRunningLearnerCode_withoutConfinement_exitsTwo_sayingHowToInstallBubblewrapOrWhichFlagToPass(
            String command) {
        List<String> args = command.equals("grade")
                ? List.of("grade", "--exercise", "hello-lambda", SOLUTION) : List.of(command);

        int code = lab(UNCONFINED, args.toArray(String[]::new));

        assertEquals(2, code, out + "\n" + err);
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("apt-get install bubblewrap"), message);
        assertTrue(message.contains("--allow-unconfined"), message);
        assertTrue(message.contains("bwrap is not installed"), "says why: " + message);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("Grading"), "nothing was graded: " + out);
    }

    @Test
    void gradeOnAnotherBackend_doesNotAskAboutLocalConfinement() {
        // The endpoint refuses connections, so the grading ends quickly; the code would have run over there.
        lab(UNCONFINED, "grade", "--exercise", "hello-lambda", "--endpoint", "http://127.0.0.1:9", SOLUTION);

        assertEquals(0, asked.get(), out + "\n" + err);
    }

    @Test
    void usage_namesTheFlag() {
        assertEquals(0, lab(UNCONFINED, "help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--allow-unconfined"), out.toString());
        assertEquals(0, asked.get(), "help runs no code and asks nothing");
    }

    @Test
    void confined_printsHowBeforeRunningCode_andUnconfinedWithTheFlagPrintsAWarning() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(printed, true, StandardCharsets.UTF_8);

        new Confinement(true, "bubblewrap (/usr/bin/bwrap): private /tmp", Sandbox.none("no emulator starts here"))
                .require("grade", false, stream);
        UNCONFINED.require("grade", true, stream);

        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("Learner code is confined: bubblewrap (/usr/bin/bwrap): private /tmp"), text);
        assertTrue(text.contains("UNCONFINED (off: bwrap is not installed), accepted with --allow-unconfined"), text);
    }
}
