package dev.serverlesslab.server.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.server.ContentCopy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of {@code lab validate} that need no grading: one run reports every problem of a course, each with its
 * file (and line), including Markdown the renderer does not support and terminal commands in a web statement.
 */
class ContentChecksTests {

    @TempDir
    Path temp;

    @Test
    void theShippedCourse_hasNoProblems() {
        assertEquals(List.of(), ContentValidator.checkContent(dev.serverlesslab.server.TestApp.CONTENT, line -> { }));
    }

    @Test
    void problemsInSeveralFiles_areAllReportedInOneRun() throws IOException {
        Path content = ContentCopy.of(temp);
        // A broken exercise.yml, a lesson whose front matter is broken, and a quiz without a correct answer.
        Files.writeString(content.resolve("exercises/ssm-kms-config/exercise.yml"), "title: [unclosed\n");
        ContentCopy.replace(content.resolve("lessons/01-what-serverless-is.md"), "title:", "titel:");
        ContentCopy.replace(content.resolve("lessons/02-anatomy-of-a-lambda-function.md"),
                "  - text: When no idle execution environment is free and Lambda has to create one\n    correct: true\n",
                "  - text: When no idle execution environment is free and Lambda has to create one\n");
        // Unsupported Markdown in a lesson and a statement, and a terminal command in a web statement.
        Path lesson = content.resolve("lessons/04-dynamodb.md");
        Files.writeString(lesson, Files.readString(lesson) + "\n!!! aside \"Note\"\n    Text.\n\nA line { .lead }\n");
        Path statement = content.resolve("exercises/hello-lambda/README.md");
        Files.writeString(statement, Files.readString(statement) + "\nOr run `./lab grade --exercise hello-lambda DIR`."
                + "\n\n<script>alert(1)</script>\n");

        List<ContentProblem> problems = ContentValidator.checkContent(content, line -> { });

        String all = String.join("\n", problems.stream().map(ContentProblem::toString).toList());
        assertTrue(all.contains("exercises/ssm-kms-config/exercise.yml:2: not valid YAML"), all);
        assertTrue(all.contains("content/lessons/01-what-serverless-is.md:"), all);
        assertTrue(all.contains("content/lessons/02-anatomy-of-a-lambda-function.md:")
                && all.contains("correct"), all);
        assertTrue(all.contains("lessons/04-dynamodb.md:") && all.contains("admonition type 'aside'"), all);
        assertTrue(all.contains("attribute list '{ .lead }'"), all);
        assertTrue(all.contains("exercises/hello-lambda/README.md:") && all.contains("raw <script>"), all);
        assertTrue(all.contains("exercises/hello-lambda/README.md: line ")
                && all.contains("a terminal command in the text a browser student reads"), all);
        assertEquals(7, problems.size(), all);
    }
}
