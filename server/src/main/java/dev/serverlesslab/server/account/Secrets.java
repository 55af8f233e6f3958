package dev.serverlesslab.server.account;

import java.security.SecureRandom;

/**
 * Random join codes and one-time passwords, drawn from {@link SecureRandom} in alphabets without look-alike characters
 * (no 0/O, 1/l/I), because people copy them from a projector or a printed list.
 */
public final class Secrets {

    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();

    /** A cohort join code such as {@code K7QM-X2HP}: 40 bits, plenty behind a rate-limited, closable sign-up. */
    public String joinCode() {
        return groups(CODE_ALPHABET, 2);
    }

    /** A one-time password such as {@code k7qm-x2hp-9rta-wz3n} (about 79 bits), replaced at first sign-in. */
    public String oneTimePassword() {
        return groups(PASSWORD_ALPHABET, 4);
    }

    /** A join code as typed: case, spaces and missing dashes do not matter. */
    public static String normalizeJoinCode(String typed) {
        String compact = typed == null ? "" : typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(compact.charAt(i));
        }
        return code.toString();
    }

    private String groups(String alphabet, int count) {
        StringBuilder secret = new StringBuilder();
        for (int group = 0; group < count; group++) {
            if (group > 0) {
                secret.append('-');
            }
            for (int i = 0; i < 4; i++) {
                secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return secret.toString();
    }
}
