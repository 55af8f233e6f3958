package dev.serverlesslab.emulator.kms;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * The key specs the emulator makes, with the one key usage each is served for and the algorithms AWS lists for it
 * (KMS Developer Guide, "Key spec reference"); key material comes from the JDK's generators.
 */
final class KeySpecs {

    static final String SYMMETRIC = "SYMMETRIC_DEFAULT";
    static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
    static final String SIGN_VERIFY = "SIGN_VERIFY";
    static final String GENERATE_VERIFY_MAC = "GENERATE_VERIFY_MAC";

    private static final List<String> RSA_SIGNING = List.of("RSASSA_PKCS1_V1_5_SHA_256", "RSASSA_PKCS1_V1_5_SHA_384",
            "RSASSA_PKCS1_V1_5_SHA_512", "RSASSA_PSS_SHA_256", "RSASSA_PSS_SHA_384", "RSASSA_PSS_SHA_512");
    private static final Map<String, String> CURVES = Map.of("ECC_NIST_P256", "secp256r1", "ECC_NIST_P384",
            "secp384r1", "ECC_NIST_P521", "secp521r1", "ECC_SECG_P256K1", "secp256k1");
    private static final Map<String, Integer> HMAC_BYTES = Map.of("HMAC_224", 28, "HMAC_256", 32, "HMAC_384", 48,
            "HMAC_512", 64);

    private KeySpecs() {
    }

    /** The usage a spec is served for here; {@code requested} (or AWS's default for the spec) must match it. */
    static String usage(String keySpec, String requested) {
        String usage = keySpec.startsWith("HMAC_") ? GENERATE_VERIFY_MAC
                : keySpec.startsWith("RSA_") || CURVES.containsKey(keySpec) ? SIGN_VERIFY : ENCRYPT_DECRYPT;
        if (requested == null && !SYMMETRIC.equals(keySpec)) {
            throw KmsErrors.validation("KeyUsage is required for KeySpec " + keySpec + ": set it to " + usage);
        }
        if (requested != null && !requested.equals(usage)) {
            throw KmsErrors.unsupported("KeyUsage " + requested + " with KeySpec " + keySpec + " is not emulated; "
                    + "Serverless Lab's KMS serves " + keySpec + " keys for " + usage + " only");
        }
        return usage;
    }

    /** Checks the spec is one the emulator makes, naming what it makes otherwise. */
    static void check(String keySpec) {
        if (!SYMMETRIC.equals(keySpec) && !keySpec.startsWith("RSA_") && !CURVES.containsKey(keySpec)
                && !HMAC_BYTES.containsKey(keySpec) || keySpec.startsWith("RSA_") && bits(keySpec) == 0) {
            throw KmsErrors.unsupported("KeySpec " + keySpec + " is not emulated; Serverless Lab's KMS makes "
                    + "SYMMETRIC_DEFAULT, RSA_2048/3072/4096, ECC_NIST_P256/P384/P521, ECC_SECG_P256K1 (where the "
                    + "JDK has the curve) and HMAC_224/256/384/512 keys");
        }
    }

    static List<String> signingAlgorithms(String keySpec) {
        if (keySpec.startsWith("RSA_")) {
            return RSA_SIGNING;
        }
        return switch (keySpec) {
            case "ECC_NIST_P256", "ECC_SECG_P256K1" -> List.of("ECDSA_SHA_256");
            case "ECC_NIST_P384" -> List.of("ECDSA_SHA_384");
            case "ECC_NIST_P521" -> List.of("ECDSA_SHA_512");
            default -> List.of();
        };
    }

    static List<String> macAlgorithms(String keySpec) {
        return HMAC_BYTES.containsKey(keySpec) ? List.of("HMAC_SHA_" + keySpec.substring("HMAC_".length()))
                : List.of();
    }

    static int hmacBytes(String keySpec) {
        return HMAC_BYTES.get(keySpec);
    }

    static boolean asymmetric(String keySpec) {
        return keySpec.startsWith("RSA_") || CURVES.containsKey(keySpec);
    }

    /** A new key pair for an RSA or ECC spec. */
    static KeyPair generate(String keySpec, SecureRandom random) {
        try {
            if (keySpec.startsWith("RSA_")) {
                KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
                rsa.initialize(bits(keySpec), random);
                return rsa.generateKeyPair();
            }
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec(CURVES.get(keySpec)), random);
            return ec.generateKeyPair();
        } catch (InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            // JDK 16 and later dropped secp256k1 from SunEC: refuse rather than make a key on another curve.
            throw KmsErrors.unsupported("KeySpec " + keySpec + " is not available: the emulator's JDK ("
                    + System.getProperty("java.version") + ") has no " + CURVES.getOrDefault(keySpec, keySpec)
                    + " key generator; use ECC_NIST_P256 instead");
        }
    }

    private static int bits(String keySpec) {
        return switch (keySpec) {
            case "RSA_2048" -> 2048;
            case "RSA_3072" -> 3072;
            case "RSA_4096" -> 4096;
            default -> 0;
        };
    }
}
