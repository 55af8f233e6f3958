package dev.serverlesslab.server.account;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for usernames: what people type at login, and the learner handle their submissions are kept under. Kept
 * to lower-case letters, digits and {@code . _ -} so they read the same in a roster, a URL and a CSV export.
 */
public final class Usernames {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 40;
    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    /** The solo learner's handle (V1): an account by that name would share its submissions. */
    private static final String RESERVED = "solo";

    private Usernames() {
    }

    /** The username as stored: trimmed and lower-cased, so "Ada" and "ada" are one account. */
    public static String normalize(String raw) {
        return raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    }

    /** What is wrong with a (normalized) username, in a sentence that says what to change; empty when it is fine. */
    public static Optional<String> problem(String username) {
        if (username.isEmpty()) {
            return Optional.of("Enter a username.");
        }
        if (username.length() < MIN_LENGTH || username.length() > MAX_LENGTH) {
            return Optional.of("A username has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters; '" + username
                    + "' has " + username.length() + ".");
        }
        if (!ALLOWED.matcher(username).matches()) {
            return Optional.of("A username may hold only letters a-z, digits and . _ - and must start with a letter "
                    + "or digit; '" + username + "' does not.");
        }
        if (username.equals(RESERVED)) {
            return Optional.of("The username '" + RESERVED + "' is reserved for solo mode; choose another.");
        }
        return Optional.empty();
    }
}
