package dev.serverlesslab.exercises.exercise;

/**
 * A symmetric KMS key (AES-256, encrypt/decrypt) an exercise declares under {@code resources.keys}, with an alias.
 *
 * @param logicalName the name the descriptor and the checks use, e.g. {@code notes}
 * @param alias       the alias name without {@code alias/}; the grading makes it unique
 * @param description the key's description, empty when not given
 */
public record KeySpec(String logicalName, String alias, String description) {
}
