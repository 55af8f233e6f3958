package dev.serverlesslab.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code lab grade --backend localstack [--image IMAGE]}: how it parses, and what it says without its module. */
class GradeBackendOptionsTests {

    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private static final String SOLUTION = HOME.resolve("content/exercises/hello-lambda/solution").toString();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int lab(String... args) {
        return new Lab(HOME, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parse_backendLocalstackWithImage_keepsBoth() {
        GradeCommand args = GradeCommand.parse(List.of("--exercise", "hello-lambda", "--backend", "localstack",
                "--image", "x", "dir"));

        assertEquals("localstack", args.backend);
        assertEquals("x", args.image);
        assertEquals(List.of("dir"), args.sources());
    }

    @Test
    void parse_imageInEqualsForm_isAccepted() {
        GradeCommand args = GradeCommand.parse(List.of("--backend=localstack", "--image=localstack/localstack:4.14.0"));

        assertEquals("localstack/localstack:4.14.0", args.image);
    }

    @Test
    void grade_imageWithoutLocalstackBackend_exitsTwo_andSaysWhereItBelongs() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", "--image", "x", SOLUTION));

        assertTrue(err().contains("--image is the LocalStack image of --backend localstack"), err());
        assertTrue(err().contains("(the backend is embedded)"), err());
    }

    @Test
    void grade_localstack_withoutItsOptionalModule_exitsTwo_sayingHowToAddIt() {
        // The server's class path is ./lab's default one: the localstack module (Testcontainers) is not on it.
        int code = lab("grade", "--exercise", "hello-lambda", "--backend", "localstack", "--image", "x", SOLUTION);

        assertEquals(2, code, err());
        assertTrue(err().startsWith("lab: the localstack backend is an optional module that is not on this class "
                + "path: ./lab adds it when given --backend localstack"), err());
        assertTrue(err().contains("localstack/target/lab.classpath"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void grade_unknownBackend_listsLocalstackAmongTheChoices() {
        assertEquals(2, lab("grade", "--exercise", "hello-lambda", "--backend", "azure", SOLUTION));

        assertTrue(err().contains("use embedded, endpoint, localstack or aws"), err());
    }

    @Test
    void help_mentionsTheLocalstackBackendAndItsImage() {
        assertEquals(0, lab("grade", "--help"));

        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("--backend=embedded|endpoint|localstack|aws") && usage.contains("--image=IMAGE"), usage);
    }
}
