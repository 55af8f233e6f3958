package dev.serverlesslab.emulator.dynamodb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of the DynamoDB Local child JVM: the emulator's own {@code java}, a small heap and quick-start JIT
 * settings, a private temporary directory (sqlite4java unpacks its native library there) and an in-memory database.
 */
record DynamoDbLocalCommand(Path java, DynamoDbLocalClasspath classpath, int port, Path tmpDir) {

    /** DynamoDB Local's own entry point; never on the emulator's class path. */
    static final String SERVER_RUNNER = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";

    /**
     * The dynamodb-local module's wrapper around {@link #SERVER_RUNNER}: it exits when its stdin closes, which is how
     * the child follows the emulator out even when the emulator is killed without running its shutdown hooks.
     */
    static final String MAIN_CLASS = "dev.serverlesslab.dynamodblocal.ParentWatchingLauncher";

    /** The JDK running the emulator, so the child needs no other Java installed. */
    static Path currentJava() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome;
        }
        return ProcessHandle.current().info().command().map(Path::of).orElse(fromHome);
    }

    /**
     * No {@code -sharedDb}: DynamoDB Local then keeps one database per access key id and region, which is what keeps
     * the emulator's accounts and regions apart.
     */
    List<String> arguments() {
        return List.of(
                java.toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + tmpDir,
                "-cp", classpath.asArgument(),
                MAIN_CLASS,
                "-inMemory",
                "-port", Integer.toString(port),
                "-disableTelemetry");
    }
}
