package dev.serverlesslab.lessons.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.lessons.course.Course;
import dev.serverlesslab.lessons.course.Lesson;
import dev.serverlesslab.lessons.markdown.Heading;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LessonSearchTests {

    private final Course course = new Course("Test", "", List.of(new dev.serverlesslab.lessons.course.CourseModule(
            "Module", List.of(
                    lesson("01-cold", "Cold starts", List.of(new Heading(2, "Init phase", "init-phase")),
                            "<p>Intro text.</p><h2 id=\"init-phase\">Init phase</h2><p>The JVM starts &amp; loads "
                                    + "<code>Handler&lt;T&gt;</code> once per environment.</p>"),
                    lesson("02-tables", "DynamoDB tables", List.of(),
                            "<p>Tables hold items. A cold read is eventually consistent.</p>")))));

    @Test
    void search_findsEveryWord_titleFirst_withTheSectionAndAPlainTextSnippet() {
        LessonSearch search = new LessonSearch(course);

        List<LessonSearch.Hit> cold = search.search("Cold");
        assertEquals(List.of("01-cold", "02-tables"), cold.stream().map(LessonSearch.Hit::lessonId).toList());

        LessonSearch.Hit jvm = search.search("jvm handler<t>").get(0);
        assertEquals("01-cold", jvm.lessonId());
        assertEquals("init-phase", jvm.anchor());
        assertEquals("Init phase", jvm.heading());
        assertTrue(jvm.snippet().contains("The JVM starts & loads Handler<T> once"), jvm.snippet());
        assertFalse(jvm.snippet().contains("<code>"), jvm.snippet());
    }

    @Test
    void search_needsEveryWord_andABlankQueryFindsNothing() {
        LessonSearch search = new LessonSearch(course);

        assertEquals(List.of(), search.search("cold nonsense"));
        assertEquals(List.of(), search.search("   "));
        assertEquals(1, search.search("tables items").size());
    }

    @Test
    void search_ranksTheWordsTogetherAboveTheWordsApart_andCentresTheSnippetOnThem() {
        LessonSearch search = new LessonSearch(new Course("Test", "", List.of(
                new dev.serverlesslab.lessons.course.CourseModule("Module", List.of(
                        lesson("01-apart", "One", List.of(), "<p>It starts. " + "Filler. ".repeat(40)
                                + "Then a read goes cold.</p>"),
                        lesson("02-together", "Two", List.of(), "<p>" + "Filler. ".repeat(40)
                                + "A cold start costs time.</p>"))))));

        List<LessonSearch.Hit> hits = search.search("cold start");

        assertEquals(List.of("02-together", "01-apart"), hits.stream().map(LessonSearch.Hit::lessonId).toList());
        assertTrue(hits.get(0).snippet().contains("A cold start costs time."), hits.get(0).snippet());
    }

    private static Lesson lesson(String id, String title, List<Heading> toc, String html) {
        return new Lesson(id, title, "", List.of(), html, toc, Path.of(id + ".md"), false, List.of());
    }
}
