package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixtures.Counter;
import fixtures.EchoString;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionVersion;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** UpdateFunctionCode, UpdateFunctionConfiguration and versions through the AWS SDK v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaVersionsSdkTests {

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
    void listFunctions_withFunctionVersionAll_listsLatestAndEveryPublishedVersion() {
        running.create("all-versions", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.publishVersion(b -> b.functionName("all-versions"));

        List<String> arns = lambda.listFunctionsPaginator(b -> b.functionVersion(FunctionVersion.ALL)).functions()
                .stream().map(FunctionConfiguration::functionArn)
                .filter(arn -> arn.contains(":function:all-versions")).toList();

        assertEquals(List.of("arn:aws:lambda:us-east-1:000000000000:function:all-versions",
                "arn:aws:lambda:us-east-1:000000000000:function:all-versions:1"), arns);
    }

    @Test
    void updateFunctionCode_waiterSeesSuccessfulAndInvokeRunsNewCode() {
        running.create("recode", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        byte[] both = FunctionZips.of(Counter.class, EchoString.class);

        UpdateFunctionCodeResponse pending = lambda.updateFunctionCode(b -> b.functionName("recode")
                .zipFile(SdkBytes.fromByteArray(both)));
        lambda.updateFunctionConfiguration(b -> b.functionName("recode").handler("fixtures.EchoString::shout"));
        GetFunctionResponse updated = lambda.waiter()
                .waitUntilFunctionUpdatedV2(b -> b.functionName("recode"))
                .matched().response().orElseThrow();

        assertEquals(LastUpdateStatus.IN_PROGRESS, pending.lastUpdateStatus());
        assertEquals(CodeArchive.sha256(both), pending.codeSha256());
        assertEquals(LastUpdateStatus.SUCCESSFUL, updated.configuration().lastUpdateStatus());
        assertEquals("\"HI!\"", running.invoke("recode", "\"hi\"").payload().asUtf8String());
    }

    @Test
    void updateFunctionConfiguration_reportsEveryChangedMember() {
        running.create("settings", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        UpdateFunctionConfigurationResponse pending = lambda.updateFunctionConfiguration(b -> b
                .functionName("settings").memorySize(512).timeout(30).description("tuned")
                .environment(e -> e.variables(Map.of("MODE", "fast"))));
        FunctionConfiguration now = lambda.getFunction(b -> b.functionName("settings")).configuration();

        assertEquals(LastUpdateStatus.IN_PROGRESS, pending.lastUpdateStatus());
        assertEquals(512, now.memorySize());
        assertEquals(30, now.timeout());
        assertEquals("tuned", now.description());
        assertEquals(Map.of("MODE", "fast"), now.environment().variables());
        assertEquals(LastUpdateStatus.SUCCESSFUL, now.lastUpdateStatus());
    }

    @Test
    void updateFunctionConfiguration_withTooMuchMemory_failsWithInvalidParameterValue() {
        running.create("greedy", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.updateFunctionConfiguration(b -> b.functionName("greedy").memorySize(20_000)));

        assertTrue(error.getMessage().contains("MemorySize"), error.getMessage());
        assertEquals(128, lambda.getFunctionConfiguration(b -> b.functionName("greedy")).memorySize());
    }

    @Test
    void updateFunctionCode_ofMissingFunction_failsWithResourceNotFound() {
        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.updateFunctionCode(b -> b.functionName("absent")
                        .zipFile(SdkBytes.fromByteArray(FunctionZips.of(Counter.class)))));

        assertTrue(error.getMessage().contains("function:absent"), error.getMessage());
    }

    @Test
    void publishVersion_invokeByQualifierRunsThatVersionAndNamesItInTheHeader() {
        running.create("released", "fixtures.Counter::handle", FunctionZips.of(Counter.class, EchoString.class));
        PublishVersionResponse one = lambda.publishVersion(b -> b.functionName("released").description("first"));
        lambda.updateFunctionConfiguration(b -> b.functionName("released").handler("fixtures.EchoString::shout"));

        InvokeResponse versioned = lambda.invoke(b -> b.functionName("released").qualifier("1")
                .payload(SdkBytes.fromUtf8String("\"hi\"")));
        InvokeResponse latest = lambda.invoke(b -> b.functionName("released").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String("\"hi\"")));
        List<String> versions = lambda.listVersionsByFunction(b -> b.functionName("released")).versions().stream()
                .map(FunctionConfiguration::version).toList();

        assertEquals("1", one.version());
        assertEquals("first", one.description());
        assertEquals("1", versioned.executedVersion());
        assertEquals("1", versioned.payload().asUtf8String());
        assertEquals("$LATEST", latest.executedVersion());
        assertEquals("\"HI!\"", latest.payload().asUtf8String());
        assertEquals(List.of("$LATEST", "1"), versions);
        assertEquals("fixtures.Counter::handle", lambda.getFunction(b -> b.functionName("released").qualifier("1"))
                .configuration().handler());
    }

    @Test
    void publishVersion_withWrongCodeSha256_failsWithInvalidParameterValue() {
        running.create("checked", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        assertThrows(InvalidParameterValueException.class,
                () -> lambda.publishVersion(b -> b.functionName("checked").codeSha256("bm90IHRoZSBjb2Rl")));
    }

    @Test
    void invoke_missingVersion_failsWithResourceNotFound() {
        running.create("unpublished", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.invoke(b -> b.functionName("unpublished").qualifier("7")));

        assertTrue(error.getMessage().contains("function:unpublished:7"), error.getMessage());
    }
}
