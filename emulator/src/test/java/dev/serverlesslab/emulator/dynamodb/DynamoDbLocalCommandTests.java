package dev.serverlesslab.emulator.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line the emulator starts DynamoDB Local with. */
class DynamoDbLocalCommandTests {

    private final DynamoDbLocalCommand command = new DynamoDbLocalCommand(Path.of("/jdk/bin/java"),
            new DynamoDbLocalClasspath(List.of(Path.of("/m2/DynamoDBLocal.jar"), Path.of("/m2/sqlite4java.jar"))),
            8123, Path.of("/work/dynamodb-local-1/tmp"));

    @Test
    void arguments_runDynamoDbLocalThroughTheParentWatchingLauncher_inMemoryOnThePortWithoutTelemetry() {
        assertEquals(List.of("/jdk/bin/java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=/work/dynamodb-local-1/tmp",
                "-cp", "/m2/DynamoDBLocal.jar" + File.pathSeparator + "/m2/sqlite4java.jar",
                "dev.serverlesslab.dynamodblocal.ParentWatchingLauncher",
                "-inMemory", "-port", "8123", "-disableTelemetry"), command.arguments());
    }

    @Test
    void arguments_neverShareOneDatabaseAcrossAccountsAndRegions() {
        assertFalse(command.arguments().contains("-sharedDb"));
    }

    @Test
    void currentJava_isAnExecutableOfTheRunningJdk() {
        Path java = DynamoDbLocalCommand.currentJava();

        assertTrue(Files.isExecutable(java), java.toString());
        assertTrue(java.startsWith(Path.of(System.getProperty("java.home"))), java.toString());
    }
}
