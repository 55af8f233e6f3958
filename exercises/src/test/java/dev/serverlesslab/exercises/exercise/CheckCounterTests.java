package dev.serverlesslab.exercises.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCounterTests {

    @Test
    void count_countsTestAnnotationsInCode() {
        String source = """
                import org.junit.jupiter.api.Test;
                class C {
                    @Test void a() {}
                    @org.junit.jupiter.api.Test void b() {}
                    @TestFactory Object c() { return null; }
                }
                """;

        assertEquals(2, CheckCounter.count(source));
    }

    @Test
    void count_ignoresTestAnnotationsInCommentsAndLiterals() {
        String source = "class C {\n"
                + "  // @Test disabled for now\n"
                + "  /* @Test */\n"
                + "  String s = \"@Test \\\" @Test\";\n"
                + "  char q = '\"';\n"
                + "  @Test void real() {}\n"
                + "}\n";

        assertEquals(1, CheckCounter.count(source));
    }

    @Test
    void count_addsUpPointsAsTheGradersDo_methodPointsOverClassPoints() {
        String source = """
                @Points(3)
                class Checks {
                    @Test void worthClassDefault() {}
                    @Hidden
                    @Points(2)
                    @Test
                    @DisplayName("worth {two} @Points(9) points")
                    void hidden() {}
                    @Points(value = 0) @Test void practiceOnly() {}
                }
                """;
        assertEquals(3 + 2 + 0, CheckCounter.count(source));
        assertEquals(1 + 2, CheckCounter.count("class C { @Test void a() {} @Points(2) @Test void b() {} }"));
    }

    @Test
    void count_whenChecksFolderIsMissing_isZero(@TempDir Path dir) {
        assertEquals(0, new CheckCounter().count(dir.resolve("checks")));
    }
}
