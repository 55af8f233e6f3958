package dev.serverlesslab.server.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password hashes with Argon2id from Spring Security Crypto (on Bouncy Castle): the encoded hash carries its
 * algorithm, parameters and salt, so stored hashes keep verifying if the parameters change later. Nothing here is
 * home-made crypto; this class only fixes the parameters and the unknown-user case.
 */
public final class Passwords {

    private final Argon2PasswordEncoder encoder;
    /** Verified against when no account has the username, so unknown and known users cost the same work. */
    private final String dummyHash;

    /** The parameters Spring Security recommends since 5.8: 16 MiB of memory, 2 iterations, one lane. */
    public Passwords() {
        this(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
    }

    private Passwords(Argon2PasswordEncoder encoder) {
        this.encoder = encoder;
        this.dummyHash = encoder.encode("no account has this password");
    }

    /** Cheap parameters for tests that create many accounts; never used by the app. */
    static Passwords forTests() {
        return new Passwords(new Argon2PasswordEncoder(16, 32, 1, 1 << 10, 1));
    }

    /** A new salted hash of {@code password}, to store. */
    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Whether {@code password} is the one {@code storedHash} was made from; a null hash (no password yet) never is. */
    public boolean matches(String password, String storedHash) {
        if (storedHash == null) {
            encoder.matches(password, dummyHash);
            return false;
        }
        return encoder.matches(password, storedHash);
    }

    /** Spends the work of one verification without an account, so a login for an unknown user is not faster. */
    public void spendVerification(String password) {
        encoder.matches(password, dummyHash);
    }
}
