package dev.serverlesslab.emulator.kms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import javax.crypto.Mac;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.InvalidKeyUsageException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsInvalidMacException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.UnsupportedOperationException;

/**
 * Asymmetric and HMAC keys through the SDK: what KMS signs verifies locally with java.security and the public key
 * GetPublicKey gives out, DIGEST messages sign the same hash (PSS too), and HMAC keys compute and check MACs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsSigningClientTests {

    private static final byte[] MESSAGE = "order o-7 paid".getBytes(StandardCharsets.UTF_8);

    private EdgeServer edge;
    private KmsClient kms;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new KmsHandler(new KmsBackend()))));
        kms = KmsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        kms.close();
        edge.close();
    }

    @Test
    void rsaSignatures_verifyLocallyWithThePublicKey_forPkcs1AndPss() throws Exception {
        String keyId = create(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY).keyId();
        PublicKey publicKey = publicKey(keyId, "RSA");

        byte[] pkcs1 = sign(keyId, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, MessageType.RAW, MESSAGE);
        Signature sha256 = Signature.getInstance("SHA256withRSA");
        sha256.initVerify(publicKey);
        sha256.update(MESSAGE);
        assertTrue(sha256.verify(pkcs1));

        byte[] digestSigned = sign(keyId, SigningAlgorithmSpec.RSASSA_PKCS1_V1_5_SHA_256, MessageType.DIGEST,
                MessageDigest.getInstance("SHA-256").digest(MESSAGE));
        assertArrayEquals(pkcs1, digestSigned, "PKCS #1 v1.5 is deterministic: the digest signs the same");

        byte[] pss = sign(keyId, SigningAlgorithmSpec.RSASSA_PSS_SHA_384, MessageType.RAW, MESSAGE);
        Signature verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1));
        verifier.initVerify(publicKey);
        verifier.update(MESSAGE);
        assertTrue(verifier.verify(pss));
    }

    @Test
    void pssDigestSignatures_verifyLocallyOnTheMessage_andThroughKmsAsDigestOrRaw() throws Exception {
        String keyId = create(KeySpec.RSA_3072, KeyUsageType.SIGN_VERIFY).keyId();
        PublicKey publicKey = publicKey(keyId, "RSA");
        for (String bits : List.of("256", "384", "512")) {
            SigningAlgorithmSpec algorithm = SigningAlgorithmSpec.fromValue("RSASSA_PSS_SHA_" + bits);
            String hash = "SHA-" + bits;
            byte[] digest = MessageDigest.getInstance(hash).digest(MESSAGE);

            byte[] signature = sign(keyId, algorithm, MessageType.DIGEST, digest);

            // The digest was signed as it is, not hashed again: the JDK verifies it against the message.
            Signature verifier = Signature.getInstance("RSASSA-PSS");
            verifier.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash),
                    Integer.parseInt(bits) / 8, 1));
            verifier.initVerify(publicKey);
            verifier.update(MESSAGE);
            assertTrue(verifier.verify(signature), algorithm.toString());
            assertTrue(verify(keyId, algorithm, MessageType.DIGEST, digest, signature), algorithm + " as DIGEST");
            assertTrue(verify(keyId, algorithm, MessageType.RAW, MESSAGE, signature), algorithm + " as RAW");
            byte[] raw = sign(keyId, algorithm, MessageType.RAW, MESSAGE);
            assertTrue(verify(keyId, algorithm, MessageType.DIGEST, digest, raw), algorithm + " RAW, checked as DIGEST");

            byte[] otherDigest = MessageDigest.getInstance(hash).digest("order o-7 refunded".getBytes(
                    StandardCharsets.UTF_8));
            assertThrows(KmsInvalidSignatureException.class,
                    () -> verify(keyId, algorithm, MessageType.DIGEST, otherDigest, signature));
        }
    }

    @Test
    void ecdsaSignatures_verifyLocally_andKmsVerifyRejectsATamperedMessage() throws Exception {
        KeyMetadata metadata = create(KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY);
        assertEquals(List.of(SigningAlgorithmSpec.ECDSA_SHA_256), metadata.signingAlgorithms());
        GetPublicKeyResponse publicKey = kms.getPublicKey(r -> r.keyId(metadata.keyId()));
        assertEquals(KeySpec.ECC_NIST_P256, publicKey.keySpec());
        assertEquals(KeyUsageType.SIGN_VERIFY, publicKey.keyUsage());

        byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
        for (byte[] signature : List.of(sign(metadata.keyId(), SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW,
                MESSAGE), sign(metadata.keyId(), SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.DIGEST, digest))) {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(publicKey(metadata.keyId(), "EC"));
            ecdsa.update(MESSAGE);
            assertTrue(ecdsa.verify(signature));
            assertTrue(kms.verify(r -> r.keyId(metadata.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                    .signature(SdkBytes.fromByteArray(signature))
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)).signatureValid());
        }
        byte[] signature = sign(metadata.keyId(), SigningAlgorithmSpec.ECDSA_SHA_256, MessageType.RAW, MESSAGE);
        assertThrows(KmsInvalidSignatureException.class, () -> kms.verify(r -> r.keyId(metadata.keyId())
                .message(SdkBytes.fromUtf8String("order o-7 refunded")).signature(SdkBytes.fromByteArray(signature))
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)));
        assertThrows(InvalidKeyUsageException.class, () -> sign(metadata.keyId(),
                SigningAlgorithmSpec.RSASSA_PSS_SHA_256, MessageType.RAW, MESSAGE));
        assertThrows(InvalidKeyUsageException.class, () -> kms.encrypt(r -> r.keyId(metadata.keyId())
                .plaintext(SdkBytes.fromByteArray(MESSAGE))));
    }

    @Test
    void hmacKeys_generateAndVerifyMacs_andRefuseWrongAlgorithmsAndMacs() throws Exception {
        KeyMetadata metadata = create(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC);
        assertEquals(List.of(MacAlgorithmSpec.HMAC_SHA_256), metadata.macAlgorithms());

        byte[] mac = kms.generateMac(r -> r.keyId(metadata.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).mac().asByteArray();

        assertEquals(Mac.getInstance("HmacSHA256").getMacLength(), mac.length);
        assertTrue(kms.verifyMac(r -> r.keyId(metadata.keyId()).message(SdkBytes.fromByteArray(MESSAGE))
                .mac(SdkBytes.fromByteArray(mac)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)).macValid());
        mac[0] ^= 1;
        assertThrows(KmsInvalidMacException.class, () -> kms.verifyMac(r -> r.keyId(metadata.keyId())
                .message(SdkBytes.fromByteArray(MESSAGE)).mac(SdkBytes.fromByteArray(mac))
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)));
        assertThrows(InvalidKeyUsageException.class, () -> kms.generateMac(r -> r.keyId(metadata.keyId())
                .message(SdkBytes.fromByteArray(MESSAGE)).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_512)));
        assertThrows(UnsupportedOperationException.class, () -> kms.getPublicKey(r -> r.keyId(metadata.keyId())));
    }

    private KeyMetadata create(KeySpec spec, KeyUsageType usage) {
        return kms.createKey(r -> r.keySpec(spec).keyUsage(usage)).keyMetadata();
    }

    private byte[] sign(String keyId, SigningAlgorithmSpec algorithm, MessageType type, byte[] message) {
        return kms.sign(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(message)).messageType(type)
                .signingAlgorithm(algorithm)).signature().asByteArray();
    }

    private boolean verify(String keyId, SigningAlgorithmSpec algorithm, MessageType type, byte[] message,
            byte[] signature) {
        return kms.verify(r -> r.keyId(keyId).message(SdkBytes.fromByteArray(message)).messageType(type)
                .signature(SdkBytes.fromByteArray(signature)).signingAlgorithm(algorithm)).signatureValid();
    }

        private PublicKey publicKey(String keyId, String algorithm) throws Exception {
        byte[] der = kms.getPublicKey(r -> r.keyId(keyId)).publicKey().asByteArray();
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    }
}
