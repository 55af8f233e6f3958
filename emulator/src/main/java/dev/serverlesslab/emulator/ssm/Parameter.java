package dev.serverlesslab.emulator.ssm;

/**
 * A parameter value as a reader gets it: decrypted when asked for, and the selector when one was given.
 *
 * @param selector {@code :3} when the caller asked for {@code name:3}, otherwise null
 */
public record Parameter(ParameterVersion version, String value, String selector) {
}
