package dev.serverlesslab.exercises.build.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.SourceDiagnostic;
import org.junit.jupiter.api.Test;

/** How a javac failure without a diagnostic, known only from javac's log, is explained to the learner. */
class InProcessJavacTests {

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

    private static SourceDiagnostic only(WorkerReply reply) {
        assertEquals(1, reply.diagnostics().size(), reply.diagnostics().toString());
        return reply.diagnostics().get(0);
    }
}
