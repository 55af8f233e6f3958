package dev.serverlesslab.exercises.build.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.CompileResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The life of compile workers: reuse, concurrency, replacement, and no process left behind. */
class CompileWorkersTests {

    @TempDir
    Path work;

    @Test
    void compile_twice_reusesTheSameWorkerProcess() throws Exception {
        try (CompileWorkers workers = new CompileWorkers(CompilerLimits.DEADLINE, 1)) {
            assertTrue(compileGreeter(workers, "first").success());
            List<ProcessHandle> first = workers.processes();

            assertTrue(compileGreeter(workers, "second").success());

            assertEquals(1, first.size());
            assertEquals(first, workers.processes());
        }
    }

    @Test
    void compile_fromSeveralThreadsAtOnce_givesEachItsOwnClasses() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (CompileWorkers workers = new CompileWorkers(CompilerLimits.DEADLINE, 2)) {
            List<Future<CompileResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "Greeter" + i;
                results.add(threads.submit(() -> workers.compile(Map.of("example/" + name + ".java",
                        "package example;\npublic class " + name + " {}\n"), List.of(), work.resolve(name))));
            }

            for (int i = 0; i < 4; i++) {
                CompileResult result = results.get(i).get(2, TimeUnit.MINUTES);
                assertTrue(result.success(), result.diagnostics().toString());
                assertTrue(Files.isRegularFile(work.resolve("Greeter" + i).resolve("example/Greeter" + i + ".class")));
            }
            assertTrue(workers.processes().size() <= 2, "at most the pool's size of workers: " + workers.processes());
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void compile_afterTheIdleWorkerWasKilled_startsAnotherAndSucceeds() throws Exception {
        try (CompileWorkers workers = new CompileWorkers(CompilerLimits.DEADLINE, 1)) {
            assertTrue(compileGreeter(workers, "before").success());
            ProcessHandle killed = workers.processes().get(0);
            killed.destroyForcibly();
            killed.onExit().get(30, TimeUnit.SECONDS);

            CompileResult after = compileGreeter(workers, "after");

            assertTrue(after.success(), after.diagnostics().toString());
            assertNotEquals(killed.pid(), workers.processes().get(0).pid());
        }
    }

    @Test
    void close_endsEveryWorkerProcess_andLaterCompilesAreRefused() throws Exception {
        CompileWorkers workers = new CompileWorkers(CompilerLimits.DEADLINE, 2);
        compileGreeter(workers, "one");
        List<ProcessHandle> running = workers.processes();
        assertFalse(running.isEmpty());

        workers.close();

        for (ProcessHandle worker : running) {
            assertFalse(worker.isAlive(), "worker " + worker.pid() + " outlived close()");
        }
        assertEquals(List.of(), workers.processes());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> compileGreeter(workers, "two"));
        assertTrue(refused.getMessage().contains("closed"), refused.getMessage());
    }

    @Test
    void worker_endsOnItsOwn_whenTheJvmThatStartedItIsKilled() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Probe.class.getName())
                .redirectErrorStream(true)
                .start();
        ProcessHandle worker = null;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("worker "), "the probe said " + line);
            worker = ProcessHandle.of(Long.parseLong(line.substring("worker ".length()))).orElseThrow();

            parent.destroyForcibly();
            parent.waitFor(30, TimeUnit.SECONDS);

            // Ends when its stdin pipe closes (or, at the latest, by its watchdog a second later).
            worker.onExit().get(60, TimeUnit.SECONDS);
        } finally {
            parent.destroyForcibly();
            if (worker != null) {
                worker.destroyForcibly();
            }
        }
    }

    private CompileResult compileGreeter(CompileWorkers workers, String folder) {
        return workers.compile(Map.of("example/Greeter.java", "package example;\npublic class Greeter {}\n"),
                List.of(), work.resolve(folder));
    }

    /** A stand-in grading JVM: compiles once, prints its worker's pid, then waits to be killed. */
    public static final class Probe {

        public static void main(String[] args) throws Exception {
            CompileWorkers workers = new CompileWorkers(CompilerLimits.DEADLINE, 1);
            workers.compile(Map.of("A.java", "class A {}\n"), List.of(), Files.createTempDirectory("probe"));
            System.out.println("worker " + workers.processes().get(0).pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }
}
