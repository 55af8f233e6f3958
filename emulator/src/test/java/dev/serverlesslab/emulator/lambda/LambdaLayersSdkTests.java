package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.lambda.layers.Greeter;
import dev.serverlesslab.emulator.lambda.layers.LayeredHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.PublishLayerVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** PublishLayerVersion and friends, and functions running with a layer's jars, through the AWS SDK v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaLayersSdkTests {

    private static final String HANDLER = LayeredHandler.class.getName() + "::greet";

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        lambda = running.lambda;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void publishLayerVersion_numbersVersionsAndGetListDeleteSeeThem() {
        PublishLayerVersionResponse first = publish("numbered");
        PublishLayerVersionResponse second = publish("numbered");

        assertEquals("arn:aws:lambda:us-east-1:000000000000:layer:numbered", first.layerArn());
        assertEquals(first.layerArn() + ":1", first.layerVersionArn());
        assertEquals(2L, second.version());
        assertEquals(List.of(Runtime.JAVA17), first.compatibleRuntimes());
        assertEquals("greeter", lambda.getLayerVersion(b -> b.layerName("numbered").versionNumber(1L)).description());
        assertEquals(List.of(2L, 1L), lambda.listLayerVersions(b -> b.layerName("numbered")).layerVersions()
                .stream().map(LayerVersionsListItem::version).toList());

        lambda.deleteLayerVersion(b -> b.layerName("numbered").versionNumber(2L));

        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getLayerVersion(b -> b.layerName("numbered").versionNumber(2L)));
        assertEquals(3L, publish("numbered").version());
    }

    @Test
    void invoke_withLayer_loadsClassFromLayerJar() {
        PublishLayerVersionResponse layer = publish("greeter");
        CreateFunctionResponse created = lambda.createFunction(b -> b.functionName("layered")
                .runtime(Runtime.JAVA17).role(RunningEmulator.ROLE).handler(HANDLER)
                .layers(layer.layerVersionArn())
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(LayeredHandler.class)))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("layered"));

        InvokeResponse response = running.invoke("layered", "\"Ada\"");

        assertNull(response.functionError(), RunningEmulator.log(response));
        assertEquals("\"Hello from the layer, Ada\"", response.payload().asUtf8String());
        assertEquals(layer.layerVersionArn(), created.layers().get(0).arn());
        assertEquals(layer.content().codeSize(), created.layers().get(0).codeSize());
    }

    @Test
    void invoke_withoutLayer_failsWithMissingClass() {
        running.create("unlayered", HANDLER, FunctionZips.of(LayeredHandler.class));

        InvokeResponse response = running.invoke("unlayered", "\"Ada\"");

        assertEquals("Unhandled", response.functionError());
        assertTrue(response.payload().asUtf8String().contains("Greeter"), response.payload().asUtf8String());
    }

    @Test
    void updateFunctionConfiguration_addingLayer_makesClassAvailable() {
        PublishLayerVersionResponse layer = publish("later");
        running.create("added", HANDLER, FunctionZips.of(LayeredHandler.class));

        lambda.updateFunctionConfiguration(b -> b.functionName("added").layers(layer.layerVersionArn()));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("added"));

        assertEquals("\"Hello from the layer, Bo\"", running.invoke("added", "\"Bo\"").payload().asUtf8String());
    }

    @Test
    void createFunction_withUnknownLayer_isInvalidParameter() {
        String arn = "arn:aws:lambda:us-east-1:000000000000:layer:missing:1";

        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createFunction(b -> b.functionName("nolayer").runtime(Runtime.JAVA17)
                        .role(RunningEmulator.ROLE).handler(HANDLER).layers(arn)
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(LayeredHandler.class))))));

        assertTrue(error.getMessage().contains(arn), error.getMessage());
    }

    private PublishLayerVersionResponse publish(String name) {
        return lambda.publishLayerVersion(b -> b.layerName(name).description("greeter")
                .compatibleRuntimes(Runtime.JAVA17)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(layerZip()))));
    }

    /** A layer zip as Lambda's Java runtime reads it: the library jar under java/lib. */
    static byte[] layerZip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("java/lib/greeter.jar"));
            // A jar is a zip; this one holds only the library class.
            zip.write(FunctionZips.of(Greeter.class));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
