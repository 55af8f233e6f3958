package dev.serverlesslab.emulator.kms;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sign/Verify and GenerateMac/VerifyMac with the JDK's {@link Signature} and {@link Mac}: AWS's algorithm names mapped
 * to the JDK's, RAW messages hashed by the algorithm, DIGEST messages (a hash the caller computed) signed as they are
 * for ECDSA ({@code NONEwithECDSA}), PKCS #1 v1.5 ({@code NONEwithRSA} over the DER DigestInfo, RFC 8017 9.2) and
 * PSS ({@link PssDigests}).
 */
final class Signatures {

    /** RFC 8017 section 9.2, note 1: the DigestInfo prefix before each hash. */
    private static final Map<String, String> DIGEST_INFO = Map.of(
            "256", "3031300d060960864801650304020105000420",
            "384", "3041300d060960864801650304020205000430",
            "512", "3051300d060960864801650304020305000440");
    static final int MAX_MESSAGE_BYTES = 4096;

    private Signatures() {
    }

    static byte[] sign(KmsKey key, byte[] message, String messageType, String algorithm) {
        try {
            if (pssDigest(algorithm, message, messageType)) {
                return PssDigests.sign((RSAPrivateKey) key.keyPair().getPrivate(), hash(algorithm), message);
            }
            Signature signature = instance(algorithm, messageType);
            signature.initSign(key.keyPair().getPrivate());
            signature.update(input(algorithm, message, messageType));
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot sign with " + algorithm, e);
        }
    }

    static boolean verify(KmsKey key, byte[] message, String messageType, String algorithm, byte[] signatureBytes) {
        try {
            if (pssDigest(algorithm, message, messageType)) {
                return PssDigests.verify((RSAPublicKey) key.keyPair().getPublic(), hash(algorithm), message,
                        signatureBytes);
            }
            Signature signature = instance(algorithm, messageType);
            signature.initVerify(key.keyPair().getPublic());
            signature.update(input(algorithm, message, messageType));
            return signature.verify(signatureBytes);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK cannot verify with " + algorithm, e);
        }
    }

    static byte[] mac(KmsKey key, byte[] message, String algorithm) {
        if (message == null || message.length == 0 || message.length > MAX_MESSAGE_BYTES) {
            throw KmsErrors.validation("Message must be 1 to " + MAX_MESSAGE_BYTES + " bytes");
        }
        String jdk = "HmacSHA" + algorithm.substring("HMAC_SHA_".length());
        try {
            Mac mac = Mac.getInstance(jdk);
            mac.init(new SecretKeySpec(key.material(), jdk));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK has no " + jdk, e);
        }
    }

    /** Whether a MAC the caller holds is the key's MAC of the message, compared in constant time. */
    static boolean verifyMac(KmsKey key, byte[] message, String algorithm, byte[] expected) {
        return MessageDigest.isEqual(mac(key, message, algorithm), expected);
    }

    /**
     * Whether the request is a PSS signature over a DIGEST, which {@link PssDigests} makes (the JDK's RSASSA-PSS
     * hashes what it is given); checks the message's length first, as for every algorithm.
     */
    private static boolean pssDigest(String algorithm, byte[] message, String messageType) {
        checkMessage(algorithm, message, messageType);
        return "DIGEST".equals(messageType) && algorithm.startsWith("RSASSA_PSS_");
    }

    /** {@code SHA-256} for {@code RSASSA_PSS_SHA_256}. */
    private static String hash(String algorithm) {
        return "SHA-" + algorithm.substring(algorithm.length() - 3);
    }

    private static void checkMessage(String algorithm, byte[] message, String messageType) {
        String bits = algorithm.substring(algorithm.length() - 3);
        if (message == null || message.length == 0 || message.length > MAX_MESSAGE_BYTES) {
            throw KmsErrors.validation("Message must be 1 to " + MAX_MESSAGE_BYTES + " bytes");
        }
        if ("DIGEST".equals(messageType) && message.length != Integer.parseInt(bits) / 8) {
            throw KmsErrors.validation("Digest is invalid length for algorithm " + algorithm + ": a DIGEST message "
                    + "is the " + bits + "-bit hash (" + Integer.parseInt(bits) / 8 + " bytes), got "
                    + message.length + " bytes");
        }
    }

    private static Signature instance(String algorithm, String messageType)
            throws GeneralSecurityException {
        boolean digest = "DIGEST".equals(messageType);
        String bits = algorithm.substring(algorithm.length() - 3);
        if (algorithm.startsWith("ECDSA_")) {
            return Signature.getInstance(digest ? "NONEwithECDSA" : "SHA" + bits + "withECDSA");
        }
        if (algorithm.startsWith("RSASSA_PKCS1_V1_5_")) {
            return Signature.getInstance(digest ? "NONEwithRSA" : "SHA" + bits + "withRSA");
        }
        Signature pss = Signature.getInstance("RSASSA-PSS");
        String hash = "SHA-" + bits;
        try {
            // AWS's PSS signatures use MGF1 with the same hash and a salt as long as the hash.
            pss.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    Integer.parseInt(bits) / 8, 1));
        } catch (InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("The JDK refused PSS parameters for " + hash, e);
        }
        return pss;
    }

    private static byte[] input(String algorithm, byte[] message, String messageType) {
        if (!"DIGEST".equals(messageType) || !algorithm.startsWith("RSASSA_PKCS1_V1_5_")) {
            return message;
        }
        ByteArrayOutputStream digestInfo = new ByteArrayOutputStream();
        digestInfo.writeBytes(HexFormat.of().parseHex(DIGEST_INFO.get(algorithm.substring(algorithm.length() - 3))));
        digestInfo.writeBytes(message);
        return digestInfo.toByteArray();
    }
}
