package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixtures.EchoString;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;
import software.amazon.awssdk.services.lambda.model.GetLayerVersionByArnResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** Tags on functions, the account's limits and usage, and layer versions looked up by ARN, through the SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaTagsAndSettingsSdkTests {

    @TempDir
    Path workDir;
    private RunningEmulator running;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void tags_setAtCreate_areAddedListedAndRemovedByFunctionArn() {
        String arn = running.lambda.createFunction(b -> b.functionName("tagged").runtime(Runtime.JAVA17)
                .role(RunningEmulator.ROLE).handler(EchoString.class.getName() + "::shout")
                .tags(Map.of("team", "orders"))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(EchoString.class))))).functionArn();

        running.lambda.tagResource(r -> r.resource(arn).tags(Map.of("stage", "dev", "team", "billing")));
        assertEquals(Map.of("stage", "dev", "team", "billing"), running.lambda.listTags(r -> r.resource(arn)).tags());
        running.lambda.untagResource(r -> r.resource(arn).tagKeys("stage", "absent"));

        assertEquals(Map.of("team", "billing"), running.lambda.listTags(r -> r.resource(arn)).tags());
        assertEquals(Map.of("team", "billing"), running.lambda.getFunction(r -> r.functionName("tagged")).tags());
        assertThrows(InvalidParameterValueException.class, () -> running.lambda.tagResource(r -> r
                .resource(arn + ":1").tags(Map.of("a", "b"))));
        assertThrows(InvalidParameterValueException.class, () -> running.lambda.tagResource(r -> r
                .resource(arn).tags(Map.of("aws:reserved", "b"))));
        assertThrows(ResourceNotFoundException.class, () -> running.lambda.listTags(r -> r
                .resource(arn.replace(":tagged", ":missing"))));
    }

    @Test
    void accountSettings_reportAwsDefaultLimits_andWhatTheAccountUses() {
        running.create("settings-a", EchoString.class.getName() + "::shout", FunctionZips.of(EchoString.class));
        running.lambda.putFunctionConcurrency(r -> r.functionName("settings-a").reservedConcurrentExecutions(10));

        GetAccountSettingsResponse settings = running.lambda.getAccountSettings(r -> { });

        assertEquals(1000, settings.accountLimit().concurrentExecutions());
        assertEquals(990, settings.accountLimit().unreservedConcurrentExecutions());
        assertEquals(262_144_000L, settings.accountLimit().codeSizeUnzipped());
        assertEquals(52_428_800L, settings.accountLimit().codeSizeZipped());
        assertEquals(80_530_636_800L, settings.accountLimit().totalCodeSize());
        assertTrue(settings.accountUsage().functionCount() >= 1);
        assertTrue(settings.accountUsage().totalCodeSize() > 0);
    }

    @Test
    void layerVersion_isFoundByItsArn() {
        String arn = running.lambda.publishLayerVersion(r -> r.layerName("by-arn").description("shared code")
                .content(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(EchoString.class)))))
                .layerVersionArn();

        GetLayerVersionByArnResponse found = running.lambda.getLayerVersionByArn(r -> r.arn(arn));

        assertEquals(arn, found.layerVersionArn());
        assertEquals("shared code", found.description());
        assertEquals(1L, found.version());
        assertThrows(ResourceNotFoundException.class, () -> running.lambda.getLayerVersionByArn(r -> r
                .arn(arn.substring(0, arn.lastIndexOf(':')) + ":9")));
    }
}
