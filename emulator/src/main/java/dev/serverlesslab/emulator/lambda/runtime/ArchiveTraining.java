package dev.serverlesslab.emulator.lambda.runtime;

import dev.serverlesslab.emulator.lambda.bootstrap.Bootstrap;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Records the class-data sharing archive environments start from: one background JVM runs the bootstrap's training
 * with {@code -XX:ArchiveClassesAtExit}, once per runtime fingerprint. Environments launched before it is done simply
 * start without it.
 */
public final class ArchiveTraining {

    private ArchiveTraining() {
    }

    /**
     * Starts the training JVM unless the archive exists already.
     *
     * @return the training process, which the caller stops on close if it is still running
     */
    public static Optional<Process> start(RuntimeSettings settings) {
        Path archive = settings.sharedArchive();
        if (archive == null || Files.isRegularFile(archive)) {
            return Optional.empty();
        }
        try {
            Path partial = Files.createTempFile(archive.getParent(), archive.getFileName().toString(), ".partial");
            Files.delete(partial);
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    settings.javaExecutable().toString(),
                    "-XX:ArchiveClassesAtExit=" + partial,
                    "-Xshare:auto",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-XX:-UsePerfData",
                    "-Xlog:cds=off,cds+dynamic=off",
                    // As environments start (ChildProcessSpec), so the archive's module options match theirs.
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "-cp",
                    settings.classPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
                    ChildProcessSpec.BOOTSTRAP_MAIN,
                    Bootstrap.TRAINING))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8"));
            Process process = builder.start();
            process.getOutputStream().close();
            process.onExit().thenRun(() -> install(process, partial, archive));
            return Optional.of(process);
        } catch (IOException e) {
            // Without an archive environments start a little slower; nothing else depends on it.
            return Optional.empty();
        }
    }

    private static void install(Process process, Path partial, Path archive) {
        try {
            if (process.exitValue() == 0 && Files.isRegularFile(partial)) {
                Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(partial);
        } catch (IOException e) {
            // As above: best effort.
        }
    }
}
