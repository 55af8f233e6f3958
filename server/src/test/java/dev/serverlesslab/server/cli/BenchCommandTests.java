package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BenchCommandTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Arguments are checked before anything runs learner code, so these tests never need the sandbox. */
    private BenchCommand bench() {
        return new BenchCommand(HOME, new PrintStream(out, true, StandardCharsets.UTF_8), () -> {
            throw new AssertionError("nothing may be graded for this command line");
        });
    }

    private BenchCommand benchAllowed() {
        return new BenchCommand(HOME, new PrintStream(out, true, StandardCharsets.UTF_8), Confinement::current);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void help_printsEveryOption_andGradesNothing() {
        assertEquals(0, bench().run(List.of("--help")));
        for (String option : List.of("--exercise", "--runs", "--compare", "--floor-runs", "--load", "--workers")) {
            assertTrue(out().contains(option), option + " is explained:\n" + out());
        }
        assertEquals(0, bench().run(List.of("-h")));
    }

    @Test
    void unknownOption_namesTheAllowedOnes() {
        UsageException e = assertThrows(UsageException.class, () -> bench().run(List.of("--fast")));
        assertTrue(e.getMessage().contains("unknown option --fast") && e.getMessage().contains("--compare"),
                e.getMessage());
    }

    @Test
    void floorRunsWithoutCompare_saysHowToUseIt() {
        UsageException e = assertThrows(UsageException.class, () -> bench().run(List.of("--floor-runs", "5")));
        assertTrue(e.getMessage().contains("--floor-runs only applies with --compare"), e.getMessage());
    }

    @Test
    void loadWithCompare_isRefused() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--load", "3", "--compare")));
        assertTrue(e.getMessage().contains("--load grades one exercise"), e.getMessage());
    }

    @Test
    void unknownExerciseInTheList_isNamed() {
        UsageException e = assertThrows(UsageException.class,
                () -> bench().run(List.of("--exercise", "hello-lambda,nope")));
        assertEquals("unknown exercise 'nope'", e.getMessage());
    }

    @Test
    void compare_printsTheFloor_andTheExerciseAsRatiosToIt() {
        int code = benchAllowed().run(List.of("--compare", "--exercise", "hello-lambda", "--runs", "1",
                "--floor-runs", "3", "--allow-unconfined"));

        assertEquals(0, code, out());
        for (String figure : List.of(BenchFloor.JAVAC, BenchFloor.BARE_JVM, BenchFloor.SDK_JVM)) {
            assertTrue(Pattern.compile(Pattern.quote(figure) + " +\\d+ ms").matcher(out()).find(),
                    figure + " measured:\n" + out());
        }
        assertTrue(Pattern.compile("hello-lambda +\\d+ ms +\\d+ ms +\\d+ ms +[\\d.]+x +[\\d.]+x").matcher(out()).find(),
                out());
    }
}
