package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fixtures.Counter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The SDK's paginators walk every page of Lambda's list operations, one item per page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaPaginationSdkTests {

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        lambda = running.lambda;
        for (String name : List.of("page-a", "page-b", "page-c")) {
            running.create(name, "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        }
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void listFunctionsPaginator_withOneItemPerPage_walksEveryFunction() {
        List<String> names = lambda.listFunctionsPaginator(b -> b.maxItems(1)).functions().stream()
                .map(FunctionConfiguration::functionName).toList();

        assertEquals(List.of("page-a", "page-b", "page-c"), names);
    }

    @Test
    void listFunctions_withMaxItems_answersOnePageAndItsNextMarker() {
        ListFunctionsResponse first = lambda.listFunctions(b -> b.maxItems(2));
        ListFunctionsResponse rest = lambda.listFunctions(b -> b.maxItems(2).marker(first.nextMarker()));

        assertEquals(2, first.functions().size());
        assertEquals(List.of("page-c"), rest.functions().stream().map(FunctionConfiguration::functionName).toList());
        assertNull(rest.nextMarker());
    }

    @Test
    void listFunctions_withAMarkerTheEmulatorNeverGave_failsWithInvalidParameterValue() {
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.listFunctions(b -> b.marker("not-a-marker")));

        assertEquals("Invalid Marker 'not-a-marker': pass the NextMarker of the previous page unchanged",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void listVersionsByFunctionPaginator_walksLatestAndEveryVersion() {
        lambda.publishVersion(b -> b.functionName("page-a"));
        lambda.updateFunctionConfiguration(b -> b.functionName("page-a").description("second"));
        lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("page-a"));
        lambda.publishVersion(b -> b.functionName("page-a"));

        List<String> versions = lambda.listVersionsByFunctionPaginator(b -> b.functionName("page-a").maxItems(1))
                .versions().stream().map(FunctionConfiguration::version).toList();

        assertEquals(List.of("$LATEST", "1", "2"), versions);
    }

    @Test
    void listAliasesPaginator_walksEveryAlias() {
        lambda.publishVersion(b -> b.functionName("page-b"));
        for (String alias : List.of("blue", "green", "red")) {
            lambda.createAlias(b -> b.functionName("page-b").name(alias).functionVersion("1"));
        }

        List<String> aliases = lambda.listAliasesPaginator(b -> b.functionName("page-b").maxItems(1)).aliases()
                .stream().map(AliasConfiguration::name).toList();

        assertEquals(List.of("blue", "green", "red"), aliases);
    }

    @Test
    void listLayersAndLayerVersionsPaginators_walkEveryLayerAndVersion() throws IOException {
        byte[] zip = layerZip();
        for (String name : List.of("lib-x", "lib-y", "lib-y")) {
            lambda.publishLayerVersion(b -> b.layerName(name).compatibleRuntimes(Runtime.JAVA17)
                    .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
        }

        List<LayersListItem> layers = lambda.listLayersPaginator(b -> b.maxItems(1)).layers().stream().toList();
        List<Long> versions = lambda.listLayerVersionsPaginator(b -> b.layerName("lib-y").maxItems(1))
                .layerVersions().stream().map(LayerVersionsListItem::version).toList();

        assertEquals(List.of("lib-x", "lib-y"), layers.stream().map(LayersListItem::layerName).toList());
        assertEquals(2L, layers.get(1).latestMatchingVersion().version());
        assertEquals(List.of(2L, 1L), versions);
    }

    @Test
    void listLayers_withACompatibleRuntimeNoVersionDeclares_leavesTheLayerOut() throws IOException {
        byte[] zip = layerZip();
        lambda.publishLayerVersion(b -> b.layerName("only-java17").compatibleRuntimes(Runtime.JAVA17)
                .content(c -> c.zipFile(SdkBytes.fromByteArray(zip))));

        List<String> names = lambda.listLayers(b -> b.compatibleRuntime(Runtime.JAVA21)).layers().stream()
                .map(LayersListItem::layerName).toList();

        assertEquals(List.of(), names);
    }

    private static byte[] layerZip() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("java/lib/readme.txt"));
            zip.write("a layer with nothing to load".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
