package dev.serverlesslab.lessons.course;

import dev.serverlesslab.lessons.markdown.Heading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads the course that ships in {@code content/}, so a broken lesson fails the build, not a student's page. */
class RealCourseTests {

    // Maven runs tests with the module folder as working directory.
    private static final Path CONTENT = Path.of("../content");

    private static Course course;

    @BeforeAll
    static void load() {
        course = CourseLoader.load(CONTENT);
    }

    @Test
    void course_listsTheLessonsOfEveryModuleInOrder() {
        assertEquals("Serverless on AWS with Java", course.title());
        assertEquals(List.of("01-what-serverless-is", "02-anatomy-of-a-lambda-function", "invocation-models",
                "versions-and-aliases", "concurrency-and-scaling", "cost-and-pricing", "03-api-gateway",
                "04-dynamodb", "05-kms-and-ssm-parameter-store", "s3", "sqs-and-sns", "eventbridge-and-schedules",
                "streams-kinesis-athena", "step-functions", "security-iam-sts-cognito", "observability",
                "networking-vpc", "infrastructure-as-code-and-ci-cd", "putting-it-together"),
                course.lessons().stream().map(Lesson::id).toList());
        assertEquals(List.of("Foundations", "Running functions well", "Building with managed services",
                "Event-driven applications", "Security, operations and delivery", "Capstone"),
                course.modules().stream().map(module -> module.title()).toList());
    }

    /** The lesson format the course is moving to: objectives first, a recap last, and a quiz of four to six questions. */
    @ParameterizedTest
    @ValueSource(strings = {"invocation-models", "versions-and-aliases", "concurrency-and-scaling", "cost-and-pricing",
            "s3", "sqs-and-sns", "eventbridge-and-schedules", "streams-kinesis-athena", "step-functions",
            "security-iam-sts-cognito", "observability", "networking-vpc", "infrastructure-as-code-and-ci-cd",
            "putting-it-together"})
    void newLessons_haveObjectivesARecapAndAQuizOfFourToSix(String id) {
        Lesson lesson = course.lesson(id).orElseThrow();
        List<String> sections = lesson.toc().stream().filter(h -> h.level() == 2).map(Heading::text).toList();
        assertEquals("What you will learn", sections.get(0), id);
        assertEquals("Recap", sections.get(sections.size() - 1), id);
        assertTrue(lesson.quizzes().size() >= 4 && lesson.quizzes().size() <= 6, id + ": " + lesson.quizzes().size());
        for (Quiz quiz : lesson.quizzes()) {
            boolean answerable = !quiz.accepted().isEmpty() || quiz.options().stream().anyMatch(Quiz.Option::correct);
            assertTrue(answerable, id + " quiz " + quiz.id() + " has no correct answer");
        }
    }

    @Test
    void whatServerlessIs_hasItsSectionsTableAdmonitionAndDiagram() {
        Lesson lesson = course.lesson("01-what-serverless-is").orElseThrow();

        assertEquals("What serverless is", lesson.title());
        assertEquals(List.of(), lesson.exercises());
        assertHeadings(lesson, "What you will learn", "A working definition", "What it does and does not mean", "Trade-offs",
                "The processing model", "The core AWS serverless services", "The wider toolbox",
                "A first glimpse of a function", "Recap");
        assertRenders(lesson, "<table>", "adm-block adm-note", "<pre class=\"mermaid\">flowchart LR",
                "<code class=\"language-java\">", "href=\"/lessons/02-anatomy-of-a-lambda-function\"");
    }

    @Test
    void anatomyOfALambdaFunction_hasItsSectionsAndLeadsToTheExercise() {
        Lesson lesson = course.lesson("02-anatomy-of-a-lambda-function").orElseThrow();

        assertEquals("Anatomy of a Lambda function", lesson.title());
        assertEquals(List.of("hello-lambda"), lesson.exercises());
        assertHeadings(lesson, "What you will learn", "Three things every function has", "The handler", "The event object",
                "The context object", "How the Java runtime calls your handler", "Your turn", "Recap");
        assertTrue(lesson.toc().contains(new Heading(3, "RequestHandler: typed input and output",
                "requesthandler-typed-input-and-output")), lesson.toc().toString());
        assertRenders(lesson, "<table>", "adm-block adm-tip", "<pre class=\"mermaid\">sequenceDiagram",
                "<code class=\"language-java\">", "href=\"/exercises/hello-lambda\"",
                "href=\"/lessons/01-what-serverless-is\"");
    }

    @Test
    void everyLesson_hasASummaryAndNoTopLevelHeading() {
        for (Lesson lesson : course.lessons()) {
            assertTrue(lesson.summary().length() > 40, lesson.id() + " summary is too short: " + lesson.summary());
            // The page shows the front matter title as its only <h1>.
            assertTrue(lesson.toc().stream().noneMatch(h -> h.level() == 1), lesson.id() + ": " + lesson.toc());
        }
    }

    private static void assertHeadings(Lesson lesson, String... expected) {
        List<String> sections = lesson.toc().stream().filter(h -> h.level() == 2).map(Heading::text).toList();
        assertEquals(List.of(expected), sections);
        for (Heading heading : lesson.toc()) {
            assertTrue(lesson.html().contains(" id=\"" + heading.anchor() + "\""), heading.toString());
        }
    }

    private static void assertRenders(Lesson lesson, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(lesson.html().contains(fragment), lesson.id() + " should contain " + fragment);
        }
    }
}
