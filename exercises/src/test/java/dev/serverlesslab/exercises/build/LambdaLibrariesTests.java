package dev.serverlesslab.exercises.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LambdaLibrariesTests {

    @Test
    void compileClasspath_isExactlyTheCoreEventsAndJodaTimeJars() {
        List<Path> classpath = LambdaLibraries.compileClasspath();

        assertEquals(3, classpath.size(), classpath.toString());
        assertTrue(classpath.get(0).getFileName().toString().matches("aws-lambda-java-core-[0-9.]+\\.jar"),
                classpath.toString());
        assertTrue(classpath.get(1).getFileName().toString().matches("aws-lambda-java-events-[0-9.]+\\.jar"),
                classpath.toString());
        assertTrue(classpath.get(2).getFileName().toString().matches("joda-time-[0-9.]+\\.jar"),
                classpath.toString());
        assertTrue(classpath.stream().allMatch(Files::isRegularFile), classpath.toString());
    }
}
