package dev.serverlesslab.exercises.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdkModulesTests {

    @Test
    void of_unknownModule_namesItAndEveryAllowedModule() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> SdkModules.of(List.of("dynamo")));

        assertTrue(error.getMessage().contains("'dynamo'"), error.getMessage());
        for (String allowed : SdkModules.ALLOWED) {
            assertTrue(error.getMessage().contains(allowed), error.getMessage());
        }
    }

    @Test
    void of_repeatedAndUnorderedNames_givesOneSortedSet() {
        SdkModules modules = SdkModules.of(List.of("ssm", "dynamodb", "ssm"));

        assertEquals(List.of("dynamodb", "ssm"), modules.names());
        assertEquals("dynamodb+ssm", modules.label());
        assertEquals(SdkModules.of(List.of("dynamodb", "ssm")).hash(), modules.hash());
    }

    @Test
    void jars_ofDynamodb_haveTheServiceTheCoreAndUrlConnectionClientButNoOtherHttpClientOrService() {
        List<String> artifacts = SdkModules.of(List.of("dynamodb")).jars().stream().map(SdkJars::artifactId).toList();

        assertTrue(artifacts.containsAll(List.of("dynamodb", "sdk-core", "aws-core", "url-connection-client",
                "reactive-streams", "slf4j-api")), artifacts.toString());
        assertFalse(artifacts.contains("apache-client"), artifacts.toString());
        assertFalse(artifacts.contains("netty-nio-client"), artifacts.toString());
        assertFalse(artifacts.contains("ssm"), artifacts.toString());
        assertFalse(artifacts.contains("kms"), artifacts.toString());
    }

    @Test
    void hash_differsBetweenModuleSets() {
        assertNotEquals(SdkModules.of(List.of("ssm")).hash(), SdkModules.of(List.of("kms")).hash());
    }

    @Test
    void none_hasNoJarsAndNeedsNoBuildResource() {
        assertTrue(SdkModules.none().isEmpty());
        assertEquals(List.of(), SdkModules.none().jars());
        assertEquals(SdkModules.none(), SdkModules.of(List.of()));
    }

    @Test
    void forModules_leavesOutExcludedClientsAndUnchosenServices(@TempDir Path m2) throws IOException {
        List<Path> listed = new ArrayList<>();
        for (String artifact : List.of("ssm", "kms", "apache-client", "netty-nio-client", "sdk-core")) {
            Path jar = m2.resolve("software/amazon/awssdk/" + artifact + "/2.0/" + artifact + "-2.0.jar");
            Files.createDirectories(jar.getParent());
            listed.add(Files.createFile(jar));
        }
        SdkJars jars = SdkJars.parse(String.join(File.pathSeparator, listed.stream().map(Path::toString).toList()));

        List<String> selected = jars.forModules(List.of("ssm"), List.of("ssm", "kms")).stream()
                .map(SdkJars::artifactId).toList();

        assertEquals(List.of("sdk-core", "ssm"), selected);
    }

    @Test
    void forModules_jarDeletedFromTheRepository_saysToRebuild() {
        SdkJars jars = SdkJars.parse("/nowhere/software/amazon/awssdk/ssm/2.0/ssm-2.0.jar");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> jars.forModules(List.of("ssm"), List.of("ssm")));

        assertTrue(error.getMessage().contains("ssm-2.0.jar") && error.getMessage().contains("rebuild"),
                error.getMessage());
    }

    @Test
    void forModules_chosenModuleMissingFromTheBuild_saysToAddItToThePom() {
        SdkJars jars = SdkJars.parse("/m2/software/amazon/awssdk/sdk-core/2.0/sdk-core-2.0.jar");

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> jars.forModules(List.of("ssm"), List.of("ssm")));

        assertTrue(error.getMessage().contains("ssm") && error.getMessage().contains("pom"), error.getMessage());
    }
}
