package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTrainingTests {

    @TempDir
    Path dir;

    @Test
    void start_recordsTheArchiveOnceAndNotAgain() throws Exception {
        List<Path> classPath = RuntimeClasspath.prepare(dir);
        RuntimeSettings settings = new RuntimeSettings(RuntimeSettings.currentJava(), classPath, dir,
                dir.resolve(RuntimeCache.ARCHIVE_NAME), "http://127.0.0.1:4566");

        Process training = ArchiveTraining.start(settings).orElseThrow();
        assertTrue(training.waitFor(60, TimeUnit.SECONDS), "training did not finish");
        training.onExit().get(10, TimeUnit.SECONDS);

        assertTrue(awaitFile(settings.sharedArchive()), "no archive at " + settings.sharedArchive());
        assertTrue(ArchiveTraining.start(settings).isEmpty(), "an existing archive is trained again");
    }

    @Test
    void start_withoutAnArchiveLocation_doesNothing() {
        RuntimeSettings none = new RuntimeSettings(RuntimeSettings.currentJava(), List.of(), dir, null, "x");

        assertTrue(ArchiveTraining.start(none).equals(Optional.empty()));
    }

    /** The move into place follows the process's exit on another thread. */
    private static boolean awaitFile(Path file) throws InterruptedException {
        for (int attempt = 0; attempt < 50 && !Files.isRegularFile(file); attempt++) {
            Thread.sleep(100);
        }
        return Files.isRegularFile(file);
    }
}
