package dev.serverlesslab.exercises.exercise;

import dev.serverlesslab.content.ContentException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExerciseCatalogTests {

    private static final Path REAL_CONTENT = Path.of("..", "content");

    @TempDir
    Path content;

    @Test
    void load_realContent_findsHelloLambdaWithItsDescriptorFields() {
        Exercise hello = ExerciseCatalog.load(REAL_CONTENT).find("hello-lambda").orElseThrow();

        assertEquals("Hello, Lambda", hello.title());
        assertEquals("02-anatomy-of-a-lambda-function", hello.lesson());
        assertEquals("java17", hello.runtime());
        assertEquals("example.Hello::handleRequest", hello.handler());
        assertEquals(256, hello.memory());
        assertEquals(5, hello.timeout());
        assertEquals(REAL_CONTENT.resolve("exercises/hello-lambda"), hello.directory());
    }

    @Test
    void load_realContent_exposesStatementAndCodeFolders() {
        Exercise hello = ExerciseCatalog.load(REAL_CONTENT).find("hello-lambda").orElseThrow();

        assertTrue(hello.statement().startsWith("# Hello, Lambda"));
        assertTrue(Files.isRegularFile(hello.starterDir().resolve("example/Hello.java")));
        assertTrue(Files.isRegularFile(hello.solutionDir().resolve("example/Hello.java")));
        assertTrue(Files.isRegularFile(hello.checksDir().resolve("HelloLambdaChecks.java")));
    }

    @Test
    void load_whenHandlerIsMissing_namesFileLineAndField() throws URISyntaxException {
        String message = loadFailure(fixture("missing-handler"));

        assertTrue(message.contains("no-handler/exercise.yml:1: missing required field 'handler'"), message);
    }

    @Test
    void load_whenMemoryIsBelowMinimum_namesFileLineAndAllowedRange() throws URISyntaxException {
        String message = loadFailure(fixture("bad-memory"));

        assertTrue(message.contains("tiny-memory/exercise.yml:4: field 'memory': must be 128..10240 MB, got 64"),
                message);
    }

    @Test
    void load_whenFieldIsUnknown_namesItAndListsTheAllowedFields() throws URISyntaxException {
        String message = loadFailure(fixture("unknown-field"));

        assertTrue(message.contains("typo-field/exercise.yml:4: unknown field 'memroy': allowed fields are title, "
                + "lesson, runtime, handler, memory, timeout, sdk"), message);
    }

    @Test
    void load_whenYamlIsMalformed_namesTheLineOfTheProblem() throws URISyntaxException {
        String message = loadFailure(fixture("bad-yaml"));

        assertTrue(message.contains("broken-yaml/exercise.yml:4: not valid YAML: mapping values are not allowed"),
                message);
    }

    @Test
    void load_whenOptionalFieldsAreLeftOut_appliesTheDefaults() throws IOException {
        writeDescriptor("minimal", "title: Minimal\nlesson: 01-intro\nhandler: example.Hello\n");

        Exercise minimal = ExerciseCatalog.load(content).find("minimal").orElseThrow();

        assertEquals("java17", minimal.runtime());
        assertEquals(512, minimal.memory());
        assertEquals(10, minimal.timeout());
    }

    @Test
    void load_whenRuntimeIsGiven_keepsIt() throws IOException {
        writeDescriptor("newer", "title: Newer\nlesson: l\nhandler: a.B\nruntime: java21\n");

        assertEquals("java21", ExerciseCatalog.load(content).find("newer").orElseThrow().runtime());
    }

    @Test
    void load_whenPointsAreGiven_refusesThemBecauseTheChecksDecide() throws IOException {
        writeDescriptor("scored", "title: Scored\nlesson: l\nhandler: a.B\nruntime: java21\npoints: 0\n");

        String message = loadFailure(content);

        assertTrue(message.contains("scored/exercise.yml:5: field 'points': is not set here: an exercise is worth the "
                + "@Points of its checks"), message);
    }

    @Test
    void load_whenRuntimeIsUnsupported_listsTheSupportedOnes() throws IOException {
        writeDescriptor("old", "title: Old\nlesson: l\nhandler: a.B\nruntime: java8\n");

        String message = loadFailure(content);

        assertTrue(message.contains("exercise.yml:4: field 'runtime': must be one of java11, java17, java21, java25, "
                + "got 'java8'"), message);
    }

    @Test
    void load_whenHandlerIsNotAClassOrMethodName_explainsTheExpectedShape() throws IOException {
        writeDescriptor("odd", "title: Odd\nlesson: l\nhandler: example.Hello::handle Request\n");

        String message = loadFailure(content);

        assertTrue(message.contains("exercise.yml:3: field 'handler': must look like 'package.Class::method' or "
                + "'package.Class'"), message);
    }

    @Test
    void load_whenTimeoutIsNotANumber_namesTheValue() throws IOException {
        writeDescriptor("slow", "title: Slow\nlesson: l\nhandler: a.B\n\ntimeout: 5s\n");

        String message = loadFailure(content);

        assertTrue(message.contains("exercise.yml:5: field 'timeout': must be 1..900 seconds, got 5s"), message);
    }

    @Test
    void load_whenFieldIsGivenTwice_namesBothLines() throws IOException {
        writeDescriptor("twice", "title: A\nlesson: l\nhandler: a.B\ntitle: B\n");

        String message = loadFailure(content);

        assertTrue(message.contains("exercise.yml:4: field 'title' is given twice (first on line 1)"), message);
    }

    @Test
    void load_whenFieldIsAList_saysItMustBeASingleValue() throws IOException {
        writeDescriptor("listy", "title: A\nlesson: [a, b]\nhandler: a.B\n");

        String message = loadFailure(content);

        assertTrue(message.contains("exercise.yml:2: field 'lesson': must be a single value, got a list"), message);
    }

    @Test
    void load_whenFolderNameIsNotAnId_asksToRenameIt() throws IOException {
        writeDescriptor("Hello_Lambda", "title: A\nlesson: l\nhandler: a.B\n");

        String message = loadFailure(content);

        assertTrue(message.contains("got 'Hello_Lambda': rename the folder"), message);
    }

    @Test
    void load_whenFolderHasNoDescriptor_asksToAddOne() throws IOException {
        Files.createDirectories(content.resolve("exercises/empty"));

        String message = loadFailure(content);

        assertTrue(message.contains("empty: has no exercise.yml: add one"), message);
    }

    @Test
    void load_whenSeveralExercisesAreBroken_reportsEveryOne() throws IOException {
        writeDescriptor("first", "title: A\nlesson: l\n");
        writeDescriptor("second", "title: A\nlesson: l\nhandler: a.B\nmemory: 20000\n");

        String message = loadFailure(content);

        assertEquals(2, message.lines().count(), message);
        assertTrue(message.contains("first/exercise.yml:1: missing required field 'handler'"), message);
        assertTrue(message.contains("second/exercise.yml:4: field 'memory'"), message);
    }

    @Test
    void all_returnsExercisesSortedById() throws IOException {
        writeDescriptor("b-second", "title: B\nlesson: l\nhandler: a.B\n");
        writeDescriptor("a-first", "title: A\nlesson: l\nhandler: a.B\n");

        List<Exercise> all = ExerciseCatalog.load(content).all();

        assertEquals(List.of("a-first", "b-second"), all.stream().map(Exercise::id).toList());
    }

    @Test
    void find_whenIdIsUnknown_isEmpty() {
        assertEquals(Optional.empty(), ExerciseCatalog.load(REAL_CONTENT).find("no-such-exercise"));
    }

    @Test
    void load_whenContentHasNoExercisesFolder_hasNoExercises() {
        assertEquals(List.of(), ExerciseCatalog.load(content).all());
    }

    @Test
    void load_whenContentFolderIsMissing_saysSo() {
        String message = loadFailure(content.resolve("nowhere"));

        assertTrue(message.contains("nowhere does not exist"), message);
    }

    @Test
    void statement_whenReadmeIsMissing_asksToAddOne() throws IOException {
        writeDescriptor("silent", "title: A\nlesson: l\nhandler: a.B\n");
        Exercise silent = ExerciseCatalog.load(content).find("silent").orElseThrow();

        ContentException error = assertThrows(ContentException.class, silent::statement);

        assertTrue(error.getMessage().contains("add a README.md"), error.getMessage());
    }

    @Test
    void loadReporting_keepsTheExercisesThatLoad_andNamesEveryOneThatDoesNot() throws IOException {
        writeDescriptor("good", "title: Good\nlesson: l\nhandler: a.B\n");
        writeDescriptor("no-handler", "title: A\nlesson: l\n");
        writeDescriptor("bad-yaml", "title: [unclosed\n");

        ExerciseCatalog.Result result = ExerciseCatalog.loadReporting(content);

        assertEquals(List.of("good"), result.catalog().all().stream().map(Exercise::id).toList());
        assertEquals(2, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().get(0).contains("bad-yaml/exercise.yml:"), result.problems().get(0));
        assertTrue(result.problems().get(1).contains("no-handler/exercise.yml:1: missing required field 'handler'"),
                result.problems().get(1));
    }

    private void writeDescriptor(String id, String yaml) throws IOException {
        Path folder = Files.createDirectories(content.resolve("exercises").resolve(id));
        Files.writeString(folder.resolve("exercise.yml"), yaml);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(ExerciseCatalogTests.class.getResource("/catalog/" + name).toURI());
    }

    private static String loadFailure(Path contentDir) {
        return assertThrows(ContentException.class, () -> ExerciseCatalog.load(contentDir)).getMessage();
    }
}
