package dev.serverlesslab.exercises.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The web page shows a statement without its terminal instructions; validate finds commands left outside them. */
class StatementTests {

    private static final String STATEMENT = """
            # Task

            Edit `Hello.java` on this page and press *Run checks*.

            <!-- cli -->
            From a terminal:

            ```sh
            ./lab grade --exercise hello DIR
            ```
            <!-- /cli -->

            Good luck.
            """;

    @Test
    void forBrowser_leavesOutTheCliSections_andKeepsTheRest() {
        String web = Statement.forBrowser(STATEMENT);

        assertEquals("""
                # Task

                Edit `Hello.java` on this page and press *Run checks*.


                Good luck.
                """, web);
    }

    @Test
    void problems_noneWhenCommandsSitInCliSections() {
        assertEquals(List.of(), Statement.problems(STATEMENT));
    }

    @Test
    void problems_nameEachCommandOutsideACliSection_byLine() {
        String statement = """
                Run `./lab grade --exercise hello DIR` to check.

                ```bash
                mvn test
                ```

                $ java -version
                """;

        List<String> problems = Statement.problems(statement);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("line 1: a terminal command in the text a browser student reads"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith("line 3: a bash block is for the terminal"), problems.get(1));
        assertTrue(problems.get(2).startsWith("line 7: a terminal command"), problems.get(2));
    }

    @Test
    void problems_markersThatDoNotPairUp() {
        List<String> problems = Statement.problems("""
                <!-- /cli -->
                <!-- cli -->
                never closed
                """);

        assertEquals(List.of("line 1: <!-- /cli --> closes no section: open one with <!-- cli -->",
                "line 2: <!-- cli --> is never closed: end the section with a line <!-- /cli -->, or the web page "
                        + "drops everything after it"), problems);
    }

    @Test
    void theShippedStatements_speakToABrowserStudent() {
        for (Exercise exercise : ExerciseCatalog.load(Path.of("..", "content")).all()) {
            assertEquals(List.of(), Statement.problems(exercise.statement()), exercise.id());
            String web = Statement.forBrowser(exercise.statement());
            assertFalse(web.contains("./lab"), exercise.id() + ": " + web);
            assertTrue(web.contains("Run checks"), exercise.id());
        }
    }
}
