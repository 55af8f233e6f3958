package dev.serverlesslab.server.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.graders.backend.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The course this project ships must validate; broken content must be caught with what to fix. */
class ContentValidatorTests {

    private static final Path CONTENT = Path.of("../content").toAbsolutePath().normalize();

    private static Backend backend;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        backend = Backend.embedded();
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theShippedCourse_isValid() {
        List<String> progress = new ArrayList<>();
        List<ContentProblem> problems = new ContentValidator(backend).validate(CONTENT, progress::add);

        assertEquals(List.of(), problems);
        assertTrue(progress.contains("  ok   exercise hello-lambda"), progress.toString());
        assertTrue(progress.stream().anyMatch(line -> line.startsWith("  ok   lesson ")), progress.toString());
    }

    @Test
    void brokenLinks_unknownExercises_andAStarterThatAlreadyPasses_areEachReported() throws IOException {
        Path content = copyOf(CONTENT);
        Path lesson = content.resolve("lessons/02-anatomy-of-a-lambda-function.md");
        Files.writeString(lesson, Files.readString(lesson)
                .replace("exercises: [hello-lambda]", "exercises: [hello-lambda, ghost]")
                + "\nSee [the missing lesson](/lessons/99-nowhere).\n");
        Path exercise = content.resolve("exercises/hello-lambda");
        Files.copy(exercise.resolve("solution/example/Hello.java"), exercise.resolve("starter/example/Hello.java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        List<ContentProblem> problems = new ContentValidator(backend).validate(content, line -> { },
                "hello-lambda"::equals);

        String all = problems.toString();
        assertEquals(3, problems.size(), all);
        assertTrue(all.contains("names exercise 'ghost'"), all);
        assertTrue(all.contains("link to /lessons/99-nowhere leads nowhere"), all);
        assertTrue(all.contains("exercises/hello-lambda/starter: passes every check"), all);
    }

    @Test
    void aWrongSolutionThatPasses_orDoesNotCompile_isReportedWithWhatItGetsWrong() throws IOException {
        Path content = copyOf(CONTENT);
        for (String other : List.of("dynamodb-orders", "ssm-kms-config")) {
            deleteTree(content.resolve("exercises/" + other));
        }
        Path exercise = content.resolve("exercises/hello-lambda");
        Path passing = Files.createDirectories(exercise.resolve("wrong/not-wrong-at-all/example"));
        Files.copy(exercise.resolve("solution/example/Hello.java"), passing.resolve("Hello.java"));
        Files.writeString(passing.resolve("../WHY.md"), "Pretends to be wrong but is the solution.\n");
        Path broken = Files.createDirectories(exercise.resolve("wrong/broken/example"));
        Files.writeString(broken.resolve("Hello.java"), "package example; class Hello { int x = ; }");

        List<String> progress = new ArrayList<>();
        List<ContentProblem> problems = new ContentValidator(backend).validate(content, progress::add,
                "hello-lambda"::equals);

        String all = problems.toString();
        assertTrue(all.contains("exercises/hello-lambda/wrong/not-wrong-at-all: passes every check, but it is a "
                + "wrong solution: tighten the checks until one fails it (Pretends to be wrong but is the solution.)"),
                all);
        assertTrue(all.contains("exercises/hello-lambda/wrong/broken: must compile"), all);
        assertTrue(progress.contains("  FAIL exercise hello-lambda"), progress.toString());
        assertTrue(problems.stream().noneMatch(p -> p.toString().contains("wrong/only-ada")
                || p.toString().contains("wrong/no-validation") || p.toString().contains("wrong/logs-no-request-id")),
                "the shipped wrong solutions each fail a check: " + all);
    }

    @Test
    void anExerciseOfNoLesson_thatNoLessonLeadsTo_andShowsOtherPointsThanItIsGradedOutOf_isReported()
            throws IOException {
        Path content = copyOf(CONTENT);
        for (String other : List.of("dynamodb-orders", "ssm-kms-config")) {
            deleteTree(content.resolve("exercises/" + other));
        }
        Path lesson = content.resolve("lessons/02-anatomy-of-a-lambda-function.md");
        Files.writeString(lesson, Files.readString(lesson)
                .replace("exercises: [hello-lambda]\n", "")
                .replace("/exercises/hello-lambda", "/"));
        Path descriptor = content.resolve("exercises/hello-lambda/exercise.yml");
        Files.writeString(descriptor, Files.readString(descriptor)
                .replace("lesson: 02-anatomy-of-a-lambda-function", "lesson: 99-gone"));
        // A class that cannot start without the deployed function hides the two runs of its repeated check from a
        // count that runs nothing: pages would show 8 + 1 while a grading is out of 8 + 2.
        Files.writeString(content.resolve("exercises/hello-lambda/checks/WarmedChecks.java"), """
                import dev.serverlesslab.graders.check.DeployedFunction;
                import org.junit.jupiter.api.BeforeAll;
                import org.junit.jupiter.api.RepeatedTest;

                class WarmedChecks {
                    @BeforeAll static void warm(DeployedFunction function) { }

                    @RepeatedTest(2) void again() { }
                }
                """);

        List<ContentProblem> problems = new ContentValidator(backend).validate(content, line -> { },
                "hello-lambda"::equals);

        String all = problems.toString();
        assertTrue(all.contains("exercises/hello-lambda/exercise.yml: names lesson '99-gone'"), all);
        assertTrue(all.contains("exercises/hello-lambda/exercise.yml: no lesson leads to this exercise"), all);
        assertTrue(all.contains("exercises/hello-lambda/checks: pages show 9 points but the checks are graded out of 10"),
                all);
    }

    @Test
    void mermaidCheck_flagsAnUnknownType_anUnclosedShape_andAMissingEnd_butNotTheShippedDiagrams() {
        String broken = "<pre class=\"mermaid\">flowchat LR\n  A[Start --&gt; B\n  subgraph S\n  C\n</pre>"
                + "<pre class=\"mermaid\">sequenceDiagram\n  loop Every event\n  A-&gt;&gt;B: call (x)\n  end\n</pre>";

        List<String> problems = MermaidCheck.problems(broken);

        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("mermaid diagram 1 starts with 'flowchat LR'"), problems.toString());
        assertTrue(problems.get(1).contains("1 block(s) without 'end'"), problems.toString());
        String typed = MermaidCheck.problems("<pre class=\"mermaid\">flowchart LR\n  A[\"Start (here)\" --&gt; B\n</pre>")
                .toString();
        assertTrue(typed.contains("line 2 'A[\"Start (here)\" --> B': '[' is not closed"), typed);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private Path copyOf(Path source) throws IOException {
        Path target = temp.resolve("content");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return target;
    }
}
