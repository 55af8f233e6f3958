package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs clients nobody here wrote, the {@code aws} CLI and boto3, against an emulator: with dummy credentials, no
 * pager and no config files of the machine's user, so the tests see what a fresh user would.
 */
public final class ExternalClients {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExternalClients() {
    }

    /** True when the command runs and exits 0, e.g. {@code installed("aws", "--version")}. */
    public static boolean installed(String... command) {
        try {
            return run(List.of(command)).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The {@code aws} command line for {@code args} against {@code endpoint}, with JSON output. */
    public static List<String> aws(String endpoint, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint, "--region", "us-east-1",
                "--output", "json"));
        command.addAll(List.of(args));
        return command;
    }

    /** Runs {@code aws} with {@code args} against {@code endpoint}, fails the test unless it exits 0, reads its JSON. */
    public static JsonNode awsJson(String endpoint, String... args) throws IOException, InterruptedException {
        Result result = run(aws(endpoint, args));
        assertEquals(0, result.exitCode(), String.join(" ", args) + " failed: " + result.output());
        return result.output().isBlank() ? JSON.createObjectNode() : JSON.readTree(result.output());
    }

    /** Runs a command to completion (at most a minute), stdout and stderr together. */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_PAGER", "", "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null"));
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** How a command ended and what it printed. */
    public record Result(int exitCode, String output) {
    }
}
