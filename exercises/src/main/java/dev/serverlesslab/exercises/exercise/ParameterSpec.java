package dev.serverlesslab.exercises.exercise;

import java.util.List;
import java.util.Optional;

/**
 * An SSM parameter an exercise declares under {@code resources.parameters}.
 *
 * @param logicalName the name the descriptor and the checks use, e.g. {@code greeting}
 * @param name        the hierarchical name as written, e.g. {@code /lab/greeting}; the grading prefixes it
 * @param type        {@code String}, {@code StringList} or {@code SecureString}
 * @param value       the value; a StringList's items joined with commas, as SSM stores them
 * @param key         logical name of the declared key that encrypts a SecureString; null for SSM's default key
 */
public record ParameterSpec(String logicalName, String name, String type, String value, String key) {

    /** The parameter types SSM Parameter Store knows. */
    public static final List<String> TYPES = List.of("String", "StringList", "SecureString");

    /** The declared key that encrypts this SecureString, when one is named. */
    public Optional<String> optionalKey() {
        return Optional.ofNullable(key);
    }
}
