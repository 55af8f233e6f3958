package dev.serverlesslab.emulator.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.EchoString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A layer published in one account (the platform's) and used from others: attachable only once granted with
 * AddLayerVersionPermission, and never deletable or changeable by the accounts using it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossAccountLayerTests {

    @TempDir
    Path workDir;
    private Emulator emulator;
    private LambdaClient platform;
    private LambdaClient grading;
    private IssuedCredentials gradingAccount;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir)
                .withStrictAccounts(true));
        platform = client(emulator.accounts().create());
        gradingAccount = emulator.accounts().create();
        grading = client(gradingAccount);
        ExecutionRole.create(emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create(
                gradingAccount.accessKeyId(), gradingAccount.secretAccessKey())), "r");
    }

    @AfterAll
    void stop() {
        platform.close();
        grading.close();
        emulator.close();
    }

    @Test
    void anotherAccountsLayer_isRefusedUntilGranted_thenAttaches() {
        PublishLayerVersionResponse layer = publish("shared-sdk");

        LambdaException refused = assertThrows(LambdaException.class, () -> create("before-grant", layer));
        platform.addLayerVersionPermission(b -> b.layerName("shared-sdk").versionNumber(layer.version())
                .statementId("gradings").action("lambda:GetLayerVersion").principal("*"));
        create("after-grant", layer);

        assertEquals("AccessDeniedException", refused.awsErrorDetails().errorCode());
        assertEquals(layer.layerVersionArn(), grading.getFunctionConfiguration(b -> b.functionName("after-grant"))
                .layers().get(0).arn());
        assertTrue(platform.getLayerVersionPolicy(b -> b.layerName("shared-sdk").versionNumber(layer.version()))
                .policy().contains("\"Principal\":\"*\""));
    }

    @Test
    void aGrantToOneAccount_letsOnlyThatAccountAttach_andRemovingItRevokes() {
        PublishLayerVersionResponse layer = publish("one-account");
        platform.addLayerVersionPermission(b -> b.layerName("one-account").versionNumber(layer.version())
                .statementId("one").action("lambda:GetLayerVersion").principal(gradingAccount.accountId()));
        create("granted", layer);
        platform.removeLayerVersionPermission(b -> b.layerName("one-account").versionNumber(layer.version())
                .statementId("one"));

        assertThrows(LambdaException.class, () -> create("revoked", layer));
    }

    @Test
    void aGradingAccount_cannotDeleteOrChangeThePlatformsLayer() {
        PublishLayerVersionResponse layer = publish("untouchable");
        platform.addLayerVersionPermission(b -> b.layerName("untouchable").versionNumber(layer.version())
                .statementId("gradings").action("lambda:GetLayerVersion").principal("*"));

        grading.deleteLayerVersion(b -> b.layerName("untouchable").versionNumber(layer.version()));
        grading.deleteLayerVersion(b -> b.layerName(layer.layerArn()).versionNumber(layer.version()));
        assertThrows(LambdaException.class, () -> grading.addLayerVersionPermission(b -> b.layerName("untouchable")
                .versionNumber(layer.version()).statementId("mine").action("lambda:GetLayerVersion")
                .principal("*")));
        assertThrows(LambdaException.class, () -> grading.removeLayerVersionPermission(b -> b
                .layerName("untouchable").versionNumber(layer.version()).statementId("gradings")));

        assertEquals(layer.layerVersionArn(), platform.getLayerVersion(b -> b.layerName("untouchable")
                .versionNumber(layer.version())).layerVersionArn());
        assertTrue(grading.listLayers().layers().isEmpty(), "the platform's layers are not the grading's");
        create("still-attaches", layer);
    }

    private PublishLayerVersionResponse publish(String name) {
        return platform.publishLayerVersion(b -> b.layerName(name).compatibleRuntimes(Runtime.JAVA17)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(layerZip()))));
    }

    private void create(String name, PublishLayerVersionResponse layer) {
        grading.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17)
                .role("arn:aws:iam::" + gradingAccount.accountId() + ":role/r")
                .handler(EchoString.class.getName() + "::shout")
                .layers(layer.layerVersionArn())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(EchoString.class)))));
    }

    private static byte[] layerZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("java/lib/readme.txt"));
            zip.write("a layer".getBytes());
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private LambdaClient client(IssuedCredentials credentials) {
        return LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.accessKeyId(), credentials.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
