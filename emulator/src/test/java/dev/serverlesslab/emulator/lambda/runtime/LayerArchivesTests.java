package dev.serverlesslab.emulator.lambda.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which layers get an archive of their own, where it goes, and what environments start with until it exists. */
class LayerArchivesTests {

    @TempDir
    Path dir;
    private Path platform;
    private RuntimeSettings base;
    private LayerArchives archives;
    private LayerArchives.LayerContent platformLayer;

    @BeforeEach
    void setUp() throws IOException {
        platform = Files.createDirectories(dir.resolve("layers"));
        Path zip = Files.write(platform.resolve("sdk-abc.zip"), "platform-built".getBytes(StandardCharsets.UTF_8));
        platformLayer = new LayerArchives.LayerContent(LayerArchives.codeSha256(zip), Files.size(zip));
        base = new RuntimeSettings(RuntimeSettings.currentJava(), List.of(dir.resolve("bootstrap.jar")), dir,
                dir.resolve("lambda-runtime.jsa"), "http://127.0.0.1:4566");
        archives = new LayerArchives(platform, true);
    }

    @AfterEach
    void tearDown() {
        archives.close();
    }

    @Test
    void settings_forALayerThePlatformDidNotBuild_areTheRuntimesAndRecordNothing() throws IOException {
        // Of the same size as the platform's zip, so only its hash tells them apart.
        Path mine = Files.write(dir.resolve("mine.zip"), "published-by-m".getBytes(StandardCharsets.UTF_8));
        LayerArchives.LayerContent learners = new LayerArchives.LayerContent(LayerArchives.codeSha256(mine),
                Files.size(mine));

        RuntimeSettings settings = archives.settings(base, List.of(dir.resolve("x.jar")), List.of(learners));
        RuntimeSettings mixed = archives.settings(base, List.of(dir.resolve("x.jar")), List.of(platformLayer, learners));

        assertSame(base, settings);
        assertSame(base, mixed);
        assertEquals(List.of(), archives.recordings());
        assertEquals(List.of("sdk-abc.zip"), Arrays.asList(platform.toFile().list()));
    }

    @Test
    void settings_beforeThePlatformLayersArchiveExists_areTheRuntimesAndRecordItOnce() {
        List<Path> jars = List.of(dir.resolve("x.jar"));

        RuntimeSettings first = archives.settings(base, jars, List.of(platformLayer));
        RuntimeSettings second = archives.settings(base, jars, List.of(platformLayer));

        assertEquals(base.withWarmLayers(), first);
        assertEquals(base.withWarmLayers(), second);
        assertTrue(archives.recordings().size() <= 1, archives.recordings().toString());
    }

    @Test
    void settings_forPlatformBuiltLayers_letWaitingEnvironmentsLoadThemAheadUnlessTurnedOff() throws IOException {
        List<Path> jars = List.of(dir.resolve("x.jar"));
        Path archive = archives.archive(base, List.of(platformLayer)).orElseThrow();
        Files.write(archive, new byte[] {1});

        try (LayerArchives noWarmUp = new LayerArchives(platform, true, false)) {
            assertTrue(archives.settings(base, jars, List.of(platformLayer)).warmLayers());
            assertFalse(noWarmUp.settings(base, jars, List.of(platformLayer)).warmLayers());
            assertEquals(archive, noWarmUp.settings(base, jars, List.of(platformLayer)).sharedArchive());
        }
    }

    @Test
    void settings_onceTheArchiveExists_startFromIt() throws IOException {
        Path archive = archives.archive(base, List.of(platformLayer)).orElseThrow();
        Files.write(archive, new byte[] {1});

        RuntimeSettings settings = archives.settings(base, List.of(dir.resolve("x.jar")), List.of(platformLayer));

        assertEquals(archive, settings.sharedArchive());
        assertTrue(settings.warmLayers());
        assertEquals(platform, archive.getParent());
        assertTrue(archive.getFileName().toString().startsWith("sdk-abc."), archive.toString());
        assertEquals(List.of(), archives.recordings());
    }

    @Test
    void archive_isNamedByTheRuntimeItWasRecordedFor() {
        RuntimeSettings otherBuild = new RuntimeSettings(base.javaExecutable(), base.classPath(), dir,
                dir.resolve("other").resolve("lambda-runtime.jsa"), base.endpointUrl());

        assertNotEquals(archives.archive(base, List.of(platformLayer)), archives.archive(otherBuild,
                List.of(platformLayer)));
    }

    @Test
    void archive_whenTurnedOffOrWithoutLayersOrRuntimeArchive_isNone() {
        RuntimeSettings noArchive = new RuntimeSettings(base.javaExecutable(), base.classPath(), dir, null,
                base.endpointUrl());

        assertEquals(Optional.empty(), new LayerArchives(platform, false).archive(base, List.of(platformLayer)));
        assertEquals(Optional.empty(), archives.archive(base, List.of()));
        assertEquals(Optional.empty(), archives.archive(noArchive, List.of(platformLayer)));
        assertEquals(Optional.empty(), archives.archive(base, Arrays.asList(platformLayer, null)));
    }
}
