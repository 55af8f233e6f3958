package dev.serverlesslab.exercises.exercise;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An SSM parameter an exercise declares under {@code resources.parameters}.
 *
 * @param logicalName the name the descriptor and the checks use, e.g. {@code greeting}
 * @param name        the hierarchical name as written, e.g. {@code /lab/greeting}; the grading prefixes it
 * @param type        {@code String}, {@code StringList} or {@code SecureString}
 * @param value       the value; a StringList's items joined with commas, as SSM stores them; with {@code choices},
 *                    the first of them. Each {@value #RANDOM} in it becomes {@value #RANDOM_DIGITS} random hex digits
 *                    in each grading
 * @param key         logical name of the declared key that encrypts a SecureString; null for SSM's default key
 * @param choices     the values one of which each grading picks at random ({@code value: {oneOf: [...]}}); empty
 *                    for a value fixed in the exercise
 */
public record ParameterSpec(String logicalName, String name, String type, String value, String key,
                            List<String> choices) {

    /** The parameter types SSM Parameter Store knows. */
    public static final List<String> TYPES = List.of("String", "StringList", "SecureString");
    /** Stands for random hex digits, new in each grading, so a value written into the code fails. */
    public static final String RANDOM = "${random}";
    static final int RANDOM_DIGITS = 12;

    public ParameterSpec {
        choices = List.copyOf(choices);
    }

    /** A parameter with one value, the same in every grading. */
    public ParameterSpec(String logicalName, String name, String type, String value, String key) {
        this(logicalName, name, type, value, key, List.of());
    }

    /** The declared key that encrypts this SecureString, when one is named. */
    public Optional<String> optionalKey() {
        return Optional.ofNullable(key);
    }

    /** The value one grading gives the parameter: one of the choices, its {@value #RANDOM}s filled in. */
    public String valueForGrading(RandomGenerator random) {
        String chosen = choices.isEmpty() ? value : choices.get(random.nextInt(choices.size()));
        StringBuilder filled = new StringBuilder();
        int from = 0;
        for (int at = chosen.indexOf(RANDOM); at >= 0; at = chosen.indexOf(RANDOM, from)) {
            filled.append(chosen, from, at);
            for (int i = 0; i < RANDOM_DIGITS; i++) {
                filled.append(Character.forDigit(random.nextInt(16), 16));
            }
            from = at + RANDOM.length();
        }
        return filled.append(chosen.substring(from)).toString();
    }
}
