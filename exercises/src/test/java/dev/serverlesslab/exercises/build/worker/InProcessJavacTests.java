package dev.serverlesslab.exercises.build.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** javac inside the worker: its class-file budget, and how a failure known only from its log is explained. */
class InProcessJavacTests {

    @TempDir
    Path work;

    private static final String BUG_BANNER = "An exception has occurred in the compiler (17.0.15). Please file a bug "
            + "against the Java compiler via the Java bug reporting page.\n";

    @Test
    void stoppedBy_anOutOfMemoryErrorInTheLog_explainsMemoryAndRetiresTheWorker() {
        WorkerReply reply = InProcessJavac.stoppedBy(BUG_BANNER + "java.lang.OutOfMemoryError: Java heap space\n"
                + "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n");

        assertFalse(reply.success());
        assertTrue(reply.retire(), "a JVM that ran out of memory is not trusted with the next learner");
        assertTrue(only(reply).message().startsWith("the compiler ran out of memory"), only(reply).message());
    }

    @Test
    void stoppedBy_aStackOverflowErrorInTheLog_explainsNestingAndKeepsTheWorker() {
        WorkerReply reply = InProcessJavac.stoppedBy(BUG_BANNER + "java.lang.StackOverflowError\n"
                + "\tat jdk.compiler/com.sun.tools.javac.parser.JavacParser.term3(JavacParser.java:1200)\n");

        assertFalse(reply.retire());
        assertTrue(only(reply).message().startsWith("the compiler ran out of stack"), only(reply).message());
    }

    @Test
    void stoppedBy_anyOtherCrash_namesTheExceptionJavacThrew() {
        WorkerReply reply = InProcessJavac.stoppedBy(BUG_BANNER
                + "java.lang.IllegalArgumentException: /a/module-info.java\n\tat jdk.compiler/com.sun.Foo.bar()\n");

        assertEquals("error: the Java compiler crashed on this source (java.lang.IllegalArgumentException: "
                + "/a/module-info.java): some construct in your code triggers a bug in javac; simplify the code you "
                + "changed last, and tell your instructor if the error stays", only(reply).toString());
    }

    @Test
    void stoppedBy_anEmptyLog_stillGivesTheLearnerAMessage() {
        assertTrue(only(InProcessJavac.stoppedBy("")).message().contains("it stopped without an error message"));
    }

    @Test
    void compile_whenClassFilesOutgrowTheBudget_failsSayingSo_andWritesNoMoreThanTheBudget() throws Exception {
        // 40 distinct folded constants of 64,000 characters: about 2.5 MB of class files from a 1.5 KB source.
        StringBuilder source = new StringBuilder("class Big {\n  static final String A = \"" + "a".repeat(1000)
                + "\";\n  static final String K = A" + " + A".repeat(63) + ";\n");
        for (int i = 0; i < 40; i++) {
            source.append("  static final String F").append(i).append(" = K + \"").append(i).append("\";\n");
        }
        Path classes = Files.createTempDirectory(work, "classes");

        WorkerReply reply = new InProcessJavac(1024 * 1024).compile(new CompileRequest(
                Map.of("Big.java", source.append("}\n").toString()), List.of(), classes));

        assertFalse(reply.success());
        assertTrue(only(reply).toString().startsWith("Big.java:1: error: error while writing Big: the compiled classes "
                + "exceed 1 MB, the limit for a submission"), only(reply).toString());
        try (Stream<Path> files = Files.walk(classes)) {
            long written = files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
            assertTrue(written <= 1024 * 1024, written + " bytes written");
        }
    }

    private static SourceDiagnostic only(WorkerReply reply) {
        assertEquals(1, reply.diagnostics().size(), reply.diagnostics().toString());
        return reply.diagnostics().get(0);
    }
}
