package dev.serverlesslab.emulator.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An emulator killed outright (SIGKILL, no shutdown hooks) must not leave DynamoDB Local running with its port open:
 * the child notices its stdin pipe close and exits.
 */
class DynamoDbOrphanTests {

    @TempDir
    Path workDir;

    @Test
    void dynamoDbLocal_exitsWhenTheEmulatorIsKilled() throws Exception {
        String java = DynamoDbLocalCommand.currentJava().toString();
        Process emulator = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName(), workDir.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
                    StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // Skip what the probe logs until DynamoDB Local answered.
            }
            assertEquals("ready", line, "the probe emulator ended before DynamoDB Local answered");
            List<ProcessHandle> children = dynamoDbLocals();
            assertEquals(1, children.size(), "DynamoDB Local processes under " + workDir);

            emulator.destroyForcibly();
            assertTrue(emulator.waitFor(10, TimeUnit.SECONDS), "the probe emulator did not die");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (children.get(0).isAlive()) {
                if (System.nanoTime() > deadline) {
                    children.get(0).destroyForcibly();
                    fail("DynamoDB Local (pid " + children.get(0).pid() + ") outlived the emulator that started it");
                }
                Thread.sleep(100);
            }
        } finally {
            emulator.destroyForcibly();
            dynamoDbLocals().forEach(ProcessHandle::destroyForcibly);
        }
    }

    // Re-parented once the probe dies, so found among all processes by the directory only this test uses.
    private List<ProcessHandle> dynamoDbLocals() {
        String marker = "-Djava.io.tmpdir=" + workDir.toAbsolutePath();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(marker))
                .toList();
    }

    /** A stand-in emulator in its own JVM: starts DynamoDB Local through the service, says so, then waits. */
    public static final class Probe {

        public static void main(String[] args) throws Exception {
            DynamoDbWire wire = new DynamoDbWire(new DynamoDbService(Path.of(args[0])));
            int status = wire.post("ListTables", "{}").statusCode();
            System.out.println(status == 200 ? "ready" : "ListTables answered " + status);
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }
}
