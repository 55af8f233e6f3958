package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code readOnly} and {@code allowNewFiles} in exercise.yml, and how a submission is held to them. */
class ExerciseFilesTests {

    private static final String HEADER = "title: T\nlesson: l\nhandler: shop.Handler::handle\n";
    private static final Submission STARTER = Submission.of(Map.of(
            "shop/Handler.java", "class Handler { /* yours */ }\n",
            "shop/Json.java", "class Json { /* given */ }\n"));

    @TempDir
    Path content;

    @Test
    void load_readsReadOnlyFilesAndAllowNewFiles() throws IOException {
        exercise(HEADER + "readOnly: [shop/Json.java]\nallowNewFiles: true\n");

        ExerciseFiles files = ExerciseCatalog.load(content).find("shop").orElseThrow().files();

        assertEquals(Set.of("shop/Json.java"), files.readOnly());
        assertTrue(files.allowNewFiles());
        assertTrue(files.isReadOnly("shop/Json.java"));
        assertFalse(files.isReadOnly("shop/Handler.java"));
    }

    @Test
    void load_withoutTheFields_leavesEveryFileEditableAndTakesNoNewOnes() throws IOException {
        exercise(HEADER);

        assertEquals(ExerciseFiles.defaults(), ExerciseCatalog.load(content).find("shop").orElseThrow().files());
    }

    @Test
    void load_whenAReadOnlyFileIsNotInTheStarter_namesLineAndPath() throws IOException {
        exercise(HEADER + "readOnly:\n  - shop/Json.java\n  - shop/Missing.java\n");

        String message = loadFailure();

        assertTrue(message.contains("exercise.yml:6: field 'readOnly[1]': 'shop/Missing.java' is not a .java file of "
                + "starter/"), message);
    }

    @Test
    void load_whenAReadOnlyPathLeavesTheStarter_refusesIt() throws IOException {
        exercise(HEADER + "readOnly: [../solution/shop/Json.java]\n");

        assertTrue(loadFailure().contains("field 'readOnly[0]': '../solution/shop/Json.java' is not a .java file"));
    }

    @Test
    void load_whenAllowNewFilesIsNotABoolean_saysWhatItMustBe() throws IOException {
        exercise(HEADER + "allowNewFiles: sometimes\n");

        String message = loadFailure();

        assertTrue(message.contains("exercise.yml:4: field 'allowNewFiles': must be true or false, got 'sometimes'"),
                message);
    }

    @Test
    void enforce_gradesReadOnlyFilesWithTheStartersText_andKeepsTheLearnersOwn() {
        ExerciseFiles files = new ExerciseFiles(Set.of("shop/Json.java"), false);
        Submission sent = Submission.of(Map.of(
                "shop/Handler.java", "class Handler { /* mine */ }\n",
                "shop/Json.java", "class Json { /* changed to pass */ }\n"));

        Submission graded = files.enforce(sent, STARTER);

        assertEquals("class Json { /* given */ }\n", graded.files().get("shop/Json.java"));
        assertEquals("class Handler { /* mine */ }\n", graded.files().get("shop/Handler.java"));
    }

    @Test
    void enforce_putsBackAReadOnlyFileLeftOut() {
        ExerciseFiles files = new ExerciseFiles(Set.of("shop/Json.java"), false);

        Submission graded = files.enforce(Submission.of(Map.of("shop/Handler.java", "class Handler {}\n")), STARTER);

        assertEquals(STARTER.files().get("shop/Json.java"), graded.files().get("shop/Json.java"));
    }

    @Test
    void enforce_refusesANewFile_unlessTheExerciseAllowsThem() {
        Submission sent = Submission.of(Map.of("shop/Handler.java", "class Handler {}\n",
                "shop/Extra.java", "class Extra {}\n"));

        SubmissionException refused = assertThrows(SubmissionException.class,
                () -> ExerciseFiles.defaults().enforce(sent, STARTER));
        assertTrue(refused.getMessage().startsWith("shop/Extra.java is not a file of this exercise"),
                refused.getMessage());

        Submission allowed = new ExerciseFiles(Set.of(), true).enforce(sent, STARTER);
        assertEquals("class Extra {}\n", allowed.files().get("shop/Extra.java"));
    }

    private void exercise(String yaml) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises/shop"));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
        STARTER.writeTo(folder.resolve("starter"));
    }

    private String loadFailure() {
        return assertThrows(ContentException.class, () -> ExerciseCatalog.load(content)).getMessage();
    }
}
