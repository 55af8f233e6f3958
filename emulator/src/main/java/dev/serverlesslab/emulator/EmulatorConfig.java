package dev.serverlesslab.emulator;

import dev.serverlesslab.emulator.lambda.runtime.Sandbox;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the emulator listens, the region requests default to, where it keeps its files, and how it confines learner
 * code.
 *
 * @param host the interface to bind, e.g. {@code 127.0.0.1}
 * @param port the port; 0 picks a free one
 * @param region the region for requests that do not name one in their signature
 * @param workDir where code and environment directories go; null for a fresh temporary directory
 * @param strictAccounts whether only credentials issued through {@code Emulator.accounts()} are accepted, each
 *     acting in its own account (grading); false keeps LocalStack's convention that any key works (standalone)
 * @param sandbox what confines each execution environment; null to detect it from this machine when the emulator
 *     starts ({@link Sandbox#detect()}), which is what every configuration does unless given one
 */
public record EmulatorConfig(String host, int port, String region, Path workDir, boolean strictAccounts,
        Sandbox sandbox) {

    /** LocalStack's port. */
    public static final int DEFAULT_PORT = 4566;

    public EmulatorConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(region, "region");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 (0 picks a free port), got " + port);
        }
    }

    /** Without strict accounts, as LocalStack behaves; the sandbox detected at start. */
    public EmulatorConfig(String host, int port, String region, Path workDir) {
        this(host, port, region, workDir, false, null);
    }

    /** 127.0.0.1:4566, us-east-1, a fresh temporary work directory, any access key accepted, sandbox detected. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", DEFAULT_PORT, "us-east-1", null);
    }

    public EmulatorConfig withPort(int newPort) {
        return new EmulatorConfig(host, newPort, region, workDir, strictAccounts, sandbox);
    }

    public EmulatorConfig withWorkDir(Path dir) {
        return new EmulatorConfig(host, port, region, dir, strictAccounts, sandbox);
    }

    /** Accept only credentials issued through {@code Emulator.accounts()} (the grading backend does). */
    public EmulatorConfig withStrictAccounts(boolean strict) {
        return new EmulatorConfig(host, port, region, workDir, strict, sandbox);
    }

    /**
     * Confine learner code with {@code chosen} rather than what {@link Sandbox#detect()} finds at start: a command
     * that already detected it and told the person, or a test that wants {@link Sandbox#none(String)}.
     */
    public EmulatorConfig withSandbox(Sandbox chosen) {
        return new EmulatorConfig(host, port, region, workDir, strictAccounts, Objects.requireNonNull(chosen));
    }
}
