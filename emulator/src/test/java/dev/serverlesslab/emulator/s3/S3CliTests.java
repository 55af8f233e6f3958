package dev.serverlesslab.emulator.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.ExternalClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 through the aws CLI, which nobody here wrote: {@code aws s3 mb/cp/ls/sync/rm/rb} including a 9 MB file, which
 * the CLI uploads in parts and downloads in ranges, and {@code aws s3api} calls. Skipped without the CLI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3CliTests {

    private RunningS3 running;
    private String endpoint;

    @BeforeAll
    void start(@TempDir Path workDir) {
        assumeTrue(ExternalClients.installed("aws", "--version"), "the aws CLI is not installed");
        running = new RunningS3(workDir);
        endpoint = running.emulator.endpoint().toString();
    }

    @AfterAll
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void cp_ofA9MbFile_uploadsInParts_andDownloadsTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] content = new byte[9 * 1024 * 1024];
        new Random(9).nextBytes(content);
        Path file = Files.write(dir.resolve("big.bin"), content);
        cli("s3", "mb", "s3://cli-big");

        cli("s3", "cp", file.toString(), "s3://cli-big/data/big.bin");
        String listing = cli("s3", "ls", "s3://cli-big/data/");
        assertTrue(listing.contains(content.length + " big.bin"), listing);
        JsonNode head = ExternalClients.awsJson(endpoint, "s3api", "head-object", "--bucket", "cli-big", "--key",
                "data/big.bin");
        assertTrue(head.path("ETag").asText().matches("\"[0-9a-f]{32}-2\""), "a two-part upload: " + head);

        Path downloaded = dir.resolve("downloaded.bin");
        cli("s3", "cp", "s3://cli-big/data/big.bin", downloaded.toString());
        assertEquals(-1, Files.mismatch(file, downloaded), "the download has the uploaded bytes");
    }

    @Test
    void sync_uploadsATree_thenSkipsWhatIsCurrent_andRmRemovesIt(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("site/css"));
        Files.writeString(dir.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(dir.resolve("site/css/main.css"), "h1 { color: red }");
        cli("s3", "mb", "s3://cli-sync");

        String first = cli("s3", "sync", dir.resolve("site").toString(), "s3://cli-sync/www");
        assertTrue(first.contains("upload:"), first);
        assertEquals("", cli("s3", "sync", dir.resolve("site").toString(), "s3://cli-sync/www").strip(),
                "nothing changed, nothing uploaded");
        JsonNode listed = ExternalClients.awsJson(endpoint, "s3api", "list-objects-v2", "--bucket", "cli-sync",
                "--prefix", "www/");
        List<String> keys = new ArrayList<>();
        listed.path("Contents").forEach(object -> keys.add(object.path("Key").asText()));
        assertEquals(List.of("www/css/main.css", "www/index.html"), keys);
        String recursive = cli("s3", "ls", "--recursive", "s3://cli-sync");
        assertTrue(recursive.contains("www/css/main.css"), recursive);

        cli("s3", "rm", "--recursive", "s3://cli-sync/www");
        assertFalse(ExternalClients.awsJson(endpoint, "s3api", "list-objects-v2", "--bucket", "cli-sync")
                .has("Contents"));
        cli("s3", "rb", "s3://cli-sync");
        assertFalse(cli("s3", "ls").contains("cli-sync"));
    }

    @Test
    void s3api_missingKey_failsWithS3sErrorCode() throws Exception {
        cli("s3", "mb", "s3://cli-errors");
        ExternalClients.Result missing = ExternalClients.run(ExternalClients.aws(endpoint, "s3api", "get-object",
                "--bucket", "cli-errors", "--key", "nope", "/dev/null"));
        assertEquals(255, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("NoSuchKey"), missing.output());
    }

    private String cli(String... args) throws Exception {
        ExternalClients.Result result = ExternalClients.run(ExternalClients.aws(endpoint, args));
        assertEquals(0, result.exitCode(), String.join(" ", args) + " failed: " + result.output());
        return result.output();
    }
}
