package dev.serverlesslab.exercises.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.exercises.build.Build;
import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.exercises.build.SourceDiagnostic;
import dev.serverlesslab.exercises.build.SubmissionBuilder;
import dev.serverlesslab.exercises.build.worker.CompileWorkers;
import dev.serverlesslab.exercises.build.worker.CompilerLimits;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.exercises.submission.SubmissionException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that attack the compiler (its heap, its stack, its time, its crash paths) end as a failed compilation with a
 * message the learner can act on; the grading JVM is untouched, and the next learner's source compiles in a worker.
 */
class CompileContainmentTests {

    private static CompileWorkers workers;
    private static SubmissionBuilder builder;

    @TempDir
    Path work;

    @BeforeAll
    static void startWorkers() {
        workers = new CompileWorkers(CompilerLimits.DEADLINE, 2);
        builder = new SubmissionBuilder(new JavaSourceCompiler(workers));
    }

    @AfterAll
    static void closeWorkers() {
        workers.close();
    }

    @Test
    void heapExhaustingConstants_failWithTheOutOfMemoryMessage_andTheWorkerIsReplaced() throws Exception {
        String source = HostileSources.heapExhaustingConstants();
        assertTrue(source.length() < 2048, "a 2 KB source is the threat, this one is " + source.length() + " bytes");
        List<ProcessHandle> before = workers.processes();

        Build build = build(Map.of("Heap.java", source));

        assertStoppedWith(build, "the compiler ran out of memory on this source (it may use 384 MB)");
        for (ProcessHandle exhausted : before) {
            exhausted.onExit().get(30, TimeUnit.SECONDS);
        }
        assertGoodSourceCompiles();
    }

    @Test
    void exponentialOverloadResolution_isStoppedAtTheDeadline_andTheWorkerIsReplaced() throws Exception {
        // The real deadline is 20 s; this pool's is shorter so the suite stays quick. The source runs for minutes.
        try (CompileWorkers quick = new CompileWorkers(Duration.ofSeconds(4), 1)) {
            SubmissionBuilder quickBuilder = new SubmissionBuilder(new JavaSourceCompiler(quick));
            assertTrue(quickBuilder.build(Submission.of(Map.of("example/Hello.java", HostileSources.GOOD)),
                    work.resolve("warm")).success(), "a warm worker, so the deadline measures only the hostile source");
            ProcessHandle busy = quick.processes().get(0);

            Build build = quickBuilder.build(Submission.of(Map.of("Slow.java",
                    HostileSources.exponentialOverloadResolution())), work.resolve("slow"));

            assertStoppedWith(build, "compiling took longer than 4 s and was stopped: look for deeply nested generic");
            busy.onExit().get(30, TimeUnit.SECONDS);
            assertTrue(quickBuilder.build(Submission.of(Map.of("example/Hello.java", HostileSources.GOOD)),
                    work.resolve("after")).success(), "a good source after the slow one");
        }
    }

    @Test
    void parenthesesTenThousandDeep_compileWithinTheWorkersGenerousStack() {
        Build build = build(Map.of("Deep.java", HostileSources.nestedParentheses("Deep", 10_000)));

        assertTrue(build.success(), build.compile().diagnostics().toString());
    }

    @Test
    void parenthesesHundredThousandDeep_failWithTheOutOfStackMessage() {
        Build build = build(Map.of("Deeper.java", HostileSources.nestedParentheses("Deeper", 100_000)));

        assertStoppedWith(build, "the compiler ran out of stack on this source: an expression or statement is nested");
        assertGoodSourceCompiles();
    }

    @Test
    void errorMessageNamingAnExponentialType_isShortenedInTheWorker() {
        Build build = build(Map.of("Typ.java", HostileSources.exponentialTypeInMessage()));

        assertFalse(build.success());
        String message = build.compile().errors().get(0).message();
        assertTrue(message.startsWith("cannot find symbol"), message.substring(0, 100));
        assertTrue(message.length() < 4_100, message.length() + " characters reached the grading JVM");
        assertTrue(message.matches("(?s).* \\.\\.\\. \\[message shortened from \\d{6,} characters\\]"),
                message.substring(message.length() - 100));
        assertGoodSourceCompiles();
    }

    @Test
    void moduleInfo_isRejectedBeforeItReachesTheCompiler() {
        SubmissionException rejected = assertThrows(SubmissionException.class, () -> Submission.of(Map.of(
                "module-info.java", "module hello {}\n", "example/Hello.java", HostileSources.GOOD)));

        assertTrue(rejected.getMessage().endsWith("delete module-info.java"), rejected.getMessage());
    }

    @Test
    void moduleInfo_thatReachesTheCompilerAnyway_failsWithACrashMessageInsteadOfSilence() {
        CompileResult result = new JavaSourceCompiler(workers).compile(Map.of("a/module-info.java",
                "module hello {}\n"), List.of(), work.resolve("classes"));

        assertFalse(result.success());
        assertEquals(1, result.errors().size(), result.diagnostics().toString());
        assertTrue(result.errors().get(0).message().startsWith("the Java compiler crashed on this source (java.lang."),
                result.errors().toString());
        assertGoodSourceCompiles();
    }

    @Test
    void fiftyMegabyteSource_isRejectedByTheRulesBeforeCompiling() throws IOException {
        String huge = "// " + "x".repeat(50 * 1024 * 1024) + "\nclass Huge {}\n";
        SubmissionException typed = assertThrows(SubmissionException.class,
                () -> Submission.of(Map.of("Huge.java", huge)));
        // A sparse file: 50 MB long without writing 50 MB; its size alone must reject it, before it is read.
        Path folder = Files.createDirectories(work.resolve("upload"));
        try (RandomAccessFile file = new RandomAccessFile(folder.resolve("Huge.java").toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        SubmissionException uploaded = assertThrows(SubmissionException.class, () -> Submission.fromDirectory(folder));

        assertTrue(typed.getMessage().startsWith("Huge.java is 51201 KB, more than the 256 KB allowed per file"),
                typed.getMessage());
        assertTrue(uploaded.getMessage().startsWith("Huge.java is 51200 KB, more than the 256 KB allowed per file"),
                uploaded.getMessage());
    }

    @Test
    void workerEnvironment_holdsNoneOfTheServersVariables() throws IOException {
        assertGoodSourceCompiles();
        List<ProcessHandle> running = workers.processes();
        assertFalse(running.isEmpty(), "a worker compiled the good source");
        for (ProcessHandle worker : running) {
            Path environ = Path.of("/proc", String.valueOf(worker.pid()), "environ");
            assumeTrue(Files.isReadable(environ), "no readable /proc/<pid>/environ on this system");
            for (String variable : new String(Files.readAllBytes(environ)).split("\0")) {
                String name = variable.substring(0, Math.max(0, variable.indexOf('=')));
                assertTrue(List.of("LANG", "LC_ALL", "LC_CTYPE", "TZ", "").contains(name),
                        "the worker was given " + name + " from the server's environment");
            }
        }
    }

    private Build build(Map<String, String> sources) {
        return builder.build(Submission.of(sources), work.resolve("build"));
    }

    private void assertGoodSourceCompiles() {
        Build build = builder.build(Submission.of(Map.of("example/Hello.java", HostileSources.GOOD)),
                work.resolve("good"));
        assertTrue(build.success(), "a good source after a hostile one: " + build.compile().diagnostics());
    }

    private static void assertStoppedWith(Build build, String messageStart) {
        assertFalse(build.success());
        List<SourceDiagnostic> errors = build.compile().errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).message().startsWith(messageStart), errors.get(0).message());
        assertNotEquals("", errors.get(0).toString());
    }
}
