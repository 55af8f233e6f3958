package dev.serverlesslab.server.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must be: long enough to resist guessing, short enough to hash cheaply, and none of the
 * passwords every guessing list starts with. Length beats composition rules (NIST SP 800-63B), so there is no
 * "one digit, one symbol" rule.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 10;
    /** Argon2 hashes any length, but a megabyte "password" should not cost the server a hash. */
    public static final int MAX_LENGTH = 200;
    public static final String RULE = "at least " + MIN_LENGTH + " characters, not your username, not a common "
            + "password and not one character repeated";
    private static final Set<String> COMMON = Set.of("password", "passwort", "qwerty", "qwertyuiop", "azerty",
            "letmein", "welcome", "iloveyou", "admin", "administrator", "changeme", "abc", "abcdef", "abcdefgh",
            "serverless", "serverlesslab", "lambda", "student", "instructor", "secret", "monkey", "dragon", "");

    private PasswordRules() {
    }

    /** What is wrong with {@code password} for the account {@code username}; empty when it may be used. */
    public static Optional<String> problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("The password is too short: use " + RULE + ".");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("The password is longer than " + MAX_LENGTH + " characters; use a shorter one.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (!username.isEmpty() && lower.contains(username)) {
            return Optional.of("The password contains the username; use " + RULE + ".");
        }
        if (password.chars().distinct().count() == 1) {
            return Optional.of("The password is one character repeated; use " + RULE + ".");
        }
        // "Password123!", "qwerty2024": a common word with digits and symbols around it is still guessed first.
        String letters = lower.replaceAll("[^a-z]", "");
        if (COMMON.contains(letters) || isSequence(lower)) {
            return Optional.of("That is a common password; use " + RULE + ".");
        }
        return Optional.empty();
    }

    private static boolean isSequence(String password) {
        return "01234567890123456789".contains(password) || "abcdefghijklmnopqrstuvwxyz".contains(password);
    }
}
