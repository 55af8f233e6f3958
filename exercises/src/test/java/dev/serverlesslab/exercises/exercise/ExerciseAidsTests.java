package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.ExerciseAids.SolutionReveal;
import dev.serverlesslab.exercises.exercise.ExerciseAids.SolutionReveal.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exercise.yml's hints and solution reveal, and the events/ folder of sample events. */
class ExerciseAidsTests {

    private static final String BASE = "title: T\nlesson: l\nhandler: a.B::c\n";

    @TempDir
    Path content;

    @Test
    void load_realContent_everyExerciseHasHintLevels() {
        for (Exercise exercise : ExerciseCatalog.load(Path.of("..", "content")).all()) {
            assertTrue(exercise.aids().hints().size() >= 2, exercise.id() + " offers hints level by level");
        }
    }

    @Test
    void load_hintsAndSolution_areReadInOrder() throws IOException {
        Exercise exercise = load(BASE + "hints:\n  - the idea\n  - the API\n  - the code\n"
                + "solution: {reveal: afterAttempts, attempts: 3}\n");

        assertEquals(List.of("the idea", "the API", "the code"), exercise.aids().hints());
        assertEquals(new SolutionReveal(Rule.AFTER_ATTEMPTS, 3), exercise.aids().solution());
    }

    @Test
    void load_withoutSolution_neverRevealsIt() throws IOException {
        SolutionReveal reveal = load(BASE).aids().solution();

        assertEquals(Rule.NEVER, reveal.rule());
        assertFalse(reveal.allows(100, true));
    }

    @Test
    void solutionReveal_followsItsRule() {
        assertTrue(new SolutionReveal(Rule.AFTER_PASSING, 0).allows(0, true));
        assertFalse(new SolutionReveal(Rule.AFTER_PASSING, 0).allows(9, false));
        assertFalse(new SolutionReveal(Rule.AFTER_ATTEMPTS, 3).allows(2, false));
        assertTrue(new SolutionReveal(Rule.AFTER_ATTEMPTS, 3).allows(3, false));
    }

    @Test
    void load_unknownRevealRule_namesLineAndTheAllowedOnes() throws IOException {
        String message = failure(BASE + "solution:\n  reveal: sometimes\n");

        assertTrue(message.contains("exercise.yml:5: field 'solution.reveal': 'sometimes' is not one of never, "
                + "afterPassing, afterAttempts"), message);
    }

    @Test
    void load_afterAttemptsWithoutACount_asksForOne() throws IOException {
        String message = failure(BASE + "solution: {reveal: afterAttempts}\n");

        assertTrue(message.contains(":4: field 'solution': reveal: afterAttempts needs attempts: N"), message);
    }

    @Test
    void load_hintThatIsNotText_namesItsIndex() throws IOException {
        String message = failure(BASE + "hints:\n  - fine\n  - [not, text]\n");

        assertTrue(message.contains(":6: field 'hints[1]': must be a single value"), message);
    }

    @Test
    void load_sampleEvents_areNamedByTheirFile() throws IOException {
        Path folder = write(BASE);
        Files.createDirectories(folder.resolve("events"));
        Files.writeString(folder.resolve("events/ada.json"), "{\"name\": \"Ada\"}\n");

        Exercise exercise = ExerciseCatalog.load(content).find("x").orElseThrow();

        assertEquals("ada", exercise.aids().testEvents().get(0).name());
        assertTrue(exercise.aids().testEvents().get(0).json().contains("Ada"));
    }

    @Test
    void load_sampleEventThatIsNotJson_namesFileLineAndColumn() throws IOException {
        Path folder = write(BASE);
        Files.createDirectories(folder.resolve("events"));
        Files.writeString(folder.resolve("events/broken.json"), "{\n  \"name\": Ada\n}\n");

        String message = assertThrows(ContentException.class, () -> ExerciseCatalog.load(content))
                .getMessage();

        assertTrue(message.contains("events/broken.json:2:"), message);
        assertTrue(message.contains("not valid JSON"), message);
    }

    private Path write(String yaml) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/x"));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
        return folder;
    }

    private Exercise load(String yaml) throws IOException {
        write(yaml);
        return ExerciseCatalog.load(content).find("x").orElseThrow();
    }

    private String failure(String yaml) throws IOException {
        write(yaml);
        return assertThrows(ContentException.class, () -> ExerciseCatalog.load(content)).getMessage();
    }
}
