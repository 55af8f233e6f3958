package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import fixtures.Counter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeArchiveTests {

    @TempDir
    Path dir;

    @Test
    void unpack_writesTheClassesAndReportsSizeAndBase64Sha256() {
        byte[] zip = FunctionZips.of(Counter.class);

        CodeArchive.Unpacked unpacked = CodeArchive.unpack(zip, dir.resolve("task"));

        assertTrue(Files.isRegularFile(dir.resolve("task/fixtures/Counter.class")));
        assertEquals(zip.length, unpacked.codeSize());
        assertEquals(44, unpacked.codeSha256().length());
    }

    @Test
    void unpack_notAZip_failsWithLambdasMessage() {
        AwsException error = assertThrows(AwsException.class,
                () -> CodeArchive.unpack("plain text".getBytes(), dir.resolve("task")));

        assertEquals("InvalidParameterValueException", error.code());
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                error.getMessage());
    }

    @Test
    void unpack_entryEscapingTheTaskRoot_isRejected() throws IOException {
        byte[] zip = zipOf("../escaped.txt");

        assertThrows(AwsException.class, () -> CodeArchive.unpack(zip, dir.resolve("task")));
        assertFalse(Files.exists(dir.resolve("escaped.txt")));
    }

    @Test
    void sha256_isBase64OfTheDigest() {
        assertEquals("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", CodeArchive.sha256(new byte[0]));
    }

    private static byte[] zipOf(String entryName) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
