package dev.serverlesslab.server.submission;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Submission ids such as {@code 20250301-142233-120-k3f9}: UTC time first so they sort by creation, then a random
 * suffix so two submissions in the same millisecond still differ.
 */
final class SubmissionIds {

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
    private static final Pattern VALID = Pattern.compile("\\d{8}-\\d{6}-\\d{3}-[0-9a-z]{4}");
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SubmissionIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        StringBuilder id = new StringBuilder(STAMP.format(clock.instant())).append('-');
        for (int i = 0; i < 4; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** Whether the text is an id this class could have made; anything else never reaches the file system. */
    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
