package dev.serverlesslab.emulator.kms;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * RSASSA-PSS over a digest the caller computed (KMS's MessageType DIGEST), which the JDK's {@code RSASSA-PSS}
 * {@link java.security.Signature} cannot take since it always hashes its input: EMSA-PSS encoding and verification as
 * RFC 8017 section 9.1 defines them, written with the JDK's {@link MessageDigest} and raw RSA ({@code
 * RSA/ECB/NoPadding}), with KMS's parameters: MGF1 on the same hash and a salt as long as the hash. The signatures
 * are those the JDK's RSASSA-PSS makes over the message itself.
 */
final class PssDigests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PssDigests() {
    }

    /** RSASSA-PSS-SIGN (RFC 8017 8.1.1) of {@code digest}, a hash made with {@code hash} (e.g. {@code SHA-256}). */
    static byte[] sign(RSAPrivateKey key, String hash, byte[] digest) throws GeneralSecurityException {
        int emBits = key.getModulus().bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        int hLen = digest.length;
        byte[] salt = new byte[hLen];
        RANDOM.nextBytes(salt);
        byte[] h = mPrimeHash(hash, digest, salt);

        // DB = PS (zeros) || 0x01 || salt, masked with MGF1(H); EM = maskedDB || H || 0xbc (EMSA-PSS-ENCODE, 9.1.1).
        byte[] db = new byte[emLen - hLen - 1];
        db[db.length - salt.length - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - salt.length, salt.length);
        xor(db, mgf1(hash, h, db.length));
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        byte[] em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, hLen);
        em[emLen - 1] = (byte) 0xbc;

        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.ENCRYPT_MODE, key);
        return rsa.doFinal(em);
    }

    /** RSASSA-PSS-VERIFY (RFC 8017 8.1.2): whether {@code signature} signs {@code digest}. */
    static boolean verify(RSAPublicKey key, String hash, byte[] digest, byte[] signature)
            throws GeneralSecurityException {
        int k = (key.getModulus().bitLength() + 7) / 8;
        if (signature.length != k) {
            return false;
        }
        Cipher rsa = Cipher.getInstance("RSA/ECB/NoPadding");
        rsa.init(Cipher.DECRYPT_MODE, key);
        byte[] m = rsa.doFinal(signature);
        int emBits = key.getModulus().bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        int hLen = digest.length;
        for (int i = 0; i < m.length - emLen; i++) {
            if (m[i] != 0) {
                return false;
            }
        }
        byte[] em = Arrays.copyOfRange(m, m.length - emLen, m.length);
        int topBits = 8 * emLen - emBits;
        if (emLen < 2 * hLen + 2 || em[emLen - 1] != (byte) 0xbc || (em[0] & (0xff << (8 - topBits))) != 0) {
            return false;
        }
        byte[] db = Arrays.copyOfRange(em, 0, emLen - hLen - 1);
        byte[] h = Arrays.copyOfRange(em, emLen - hLen - 1, emLen - 1);
        xor(db, mgf1(hash, h, db.length));
        db[0] &= (byte) (0xff >>> topBits);
        int separator = db.length - hLen - 1;
        for (int i = 0; i < separator; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[separator] != 0x01) {
            return false;
        }
        byte[] salt = Arrays.copyOfRange(db, db.length - hLen, db.length);
        return MessageDigest.isEqual(h, mPrimeHash(hash, digest, salt));
    }

    /** H = Hash(M'), M' = eight zero bytes || mHash || salt. */
    private static byte[] mPrimeHash(String hash, byte[] digest, byte[] salt) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        md.update(new byte[8]);
        md.update(digest);
        md.update(salt);
        return md.digest();
    }

    /** MGF1 (RFC 8017 B.2.1): Hash(seed || counter) for counters 0, 1, ... until {@code length} bytes. */
    private static byte[] mgf1(String hash, byte[] seed, int length) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance(hash);
        byte[] mask = new byte[length];
        int filled = 0;
        for (int counter = 0; filled < length; counter++) {
            md.update(seed);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                    (byte) counter});
            byte[] block = md.digest();
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, mask, filled, n);
            filled += n;
        }
        return mask;
    }

    private static void xor(byte[] into, byte[] mask) {
        for (int i = 0; i < into.length; i++) {
            into[i] ^= mask[i];
        }
    }
}
