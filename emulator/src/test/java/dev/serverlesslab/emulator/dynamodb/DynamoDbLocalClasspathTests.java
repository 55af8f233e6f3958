package dev.serverlesslab.emulator.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the class path list the dynamodb-local module wrote at build time. */
class DynamoDbLocalClasspathTests {

    @TempDir
    Path dir;

    @Test
    void load_fromTheBuild_listsDynamoDbLocalsJarsThatExist() {
        DynamoDbLocalClasspath classpath = DynamoDbLocalClasspath.load(getClass().getClassLoader())
                .requireJarsPresent();

        assertTrue(classpath.entries().stream().anyMatch(p -> p.getFileName().toString().startsWith("DynamoDBLocal-")),
                classpath.entries().toString());
        assertTrue(classpath.entries().stream().allMatch(Path::isAbsolute));
    }

    @Test
    void load_keepsDynamoDbLocalOffTheEmulatorsOwnClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(DynamoDbLocalCommand.SERVER_RUNNER));
    }

    @Test
    void load_withoutTheResource_failsNamingItAndTheModule() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            DynamoDbLocalException error = assertThrows(DynamoDbLocalException.class,
                    () -> DynamoDbLocalClasspath.load(empty));

            assertTrue(error.getMessage().contains(DynamoDbLocalClasspath.RESOURCE), error.getMessage());
            assertTrue(error.getMessage().contains("dev.serverlesslab:dynamodb-local"), error.getMessage());
        }
    }

    @Test
    void parse_splitsOnThePathSeparatorAndLineBreaks() {
        String text = "/m2/a.jar" + File.pathSeparator + "/m2/b.jar\n" + File.pathSeparator + " /m2/c.jar \n";

        assertEquals(List.of(Path.of("/m2/a.jar"), Path.of("/m2/b.jar"), Path.of("/m2/c.jar")),
                DynamoDbLocalClasspath.parse(text).entries());
    }

    @Test
    void parse_ofAnEmptyList_failsSayingToRebuild() {
        DynamoDbLocalException error = assertThrows(DynamoDbLocalException.class,
                () -> DynamoDbLocalClasspath.parse(" \n"));

        assertTrue(error.getMessage().contains("is empty; rebuild"), error.getMessage());
    }

    @Test
    void requireJarsPresent_namesTheMissingOnes() throws Exception {
        Path present = Files.writeString(dir.resolve("present.jar"), "");
        Path missing = dir.resolve("missing.jar");

        DynamoDbLocalException error = assertThrows(DynamoDbLocalException.class,
                () -> new DynamoDbLocalClasspath(List.of(present, missing)).requireJarsPresent());

        assertTrue(error.getMessage().startsWith("1 of DynamoDB Local's 2 jars are missing, e.g. " + missing),
                error.getMessage());
    }

    @Test
    void asArgument_joinsWithThePathSeparator() {
        DynamoDbLocalClasspath classpath = new DynamoDbLocalClasspath(List.of(Path.of("/a.jar"), Path.of("/b.jar")));

        assertEquals("/a.jar" + File.pathSeparator + "/b.jar", classpath.asArgument());
    }
}
