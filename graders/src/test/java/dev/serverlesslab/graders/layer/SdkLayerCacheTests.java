package dev.serverlesslab.graders.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.SdkModules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdkLayerCacheTests {

    @TempDir
    Path cacheDir;

    private static List<String> entries(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void zipFor_ssm_holdsTheServiceJarTheCoreAndUrlConnectionClientUnderJavaLib() throws IOException {
        SdkLayerCache.LayerZip zip = new SdkLayerCache(cacheDir).zipFor(SdkModules.of(List.of("ssm")));
        List<String> entries = entries(zip.file());

        assertTrue(entries.stream().allMatch(e -> e.startsWith("java/lib/") && e.endsWith(".jar")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("java/lib/ssm-")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("java/lib/sdk-core-")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("java/lib/url-connection-client-")), entries.toString());
        assertFalse(entries.stream().anyMatch(e -> e.contains("apache-client") || e.contains("netty")), entries.toString());
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("java/lib/kms-") || e.startsWith("java/lib/dynamodb-")),
                entries.toString());
    }

    @Test
    void zipFor_secondTime_reusesTheCachedFileUntouched() throws IOException {
        SdkLayerCache cache = new SdkLayerCache(cacheDir);
        SdkLayerCache.LayerZip first = cache.zipFor(SdkModules.of(List.of("kms")));
        Files.setLastModifiedTime(first.file(), FileTime.fromMillis(0));

        SdkLayerCache.LayerZip second = new SdkLayerCache(cacheDir).zipFor(SdkModules.of(List.of("kms")));

        assertTrue(first.built());
        assertFalse(second.built());
        assertEquals(first.file(), second.file());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(second.file()));
        assertEquals("sdk-" + SdkModules.of(List.of("kms")).hash() + ".zip", second.file().getFileName().toString());
    }

    @Test
    void zipFor_racingBuilds_leaveOneWholeZipAndNoPartialFiles() throws Exception {
        SdkModules modules = SdkModules.of(List.of("ssm"));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<SdkLayerCache.LayerZip>> builds = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                builds.add(() -> new SdkLayerCache(cacheDir).zipFor(modules));
            }
            for (Future<SdkLayerCache.LayerZip> build : pool.invokeAll(builds)) {
                assertEquals(modules.jars().size(), entries(build.get().file()).size());
            }
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(cacheDir)) {
            assertEquals(List.of("sdk-" + modules.hash() + ".zip"),
                    files.map(f -> f.getFileName().toString()).toList());
        }
    }

    @Test
    void zipFor_noModules_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SdkLayerCache(cacheDir).zipFor(SdkModules.none()));
    }
}
