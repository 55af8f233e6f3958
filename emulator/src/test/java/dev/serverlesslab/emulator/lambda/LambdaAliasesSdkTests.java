package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fixtures.Counter;
import fixtures.EchoString;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/** Aliases through the AWS SDK v2: their lifecycle, invocation by alias and weighted routing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaAliasesSdkTests {

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
    void createAlias_thenGetUpdateListAndDelete() {
        twoVersions("lifecycle");

        CreateAliasResponse created = lambda.createAlias(b -> b.functionName("lifecycle").name("live")
                .functionVersion("1").description("stable"));
        UpdateAliasResponse updated = lambda.updateAlias(b -> b.functionName("lifecycle").name("live")
                .functionVersion("2"));
        String fetched = lambda.getAlias(b -> b.functionName("lifecycle").name("live")).functionVersion();
        List<String> listed = lambda.listAliases(b -> b.functionName("lifecycle")).aliases().stream()
                .map(AliasConfiguration::name).toList();
        lambda.deleteAlias(b -> b.functionName("lifecycle").name("live"));

        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:lifecycle:live", created.aliasArn());
        assertEquals("2", updated.functionVersion());
        assertEquals("stable", updated.description());
        assertEquals("2", fetched);
        assertEquals(List.of("live"), listed);
        assertTrue(lambda.listAliases(b -> b.functionName("lifecycle")).aliases().isEmpty());
    }

    @Test
    void invoke_byAlias_runsTheVersionItPointsTo() {
        twoVersions("routed");
        lambda.createAlias(b -> b.functionName("routed").name("prod").functionVersion("1"));

        InvokeResponse response = lambda.invoke(b -> b.functionName("routed").qualifier("prod")
                .payload(SdkBytes.fromUtf8String("\"hi\"")));
        InvokeResponse byArn = lambda.invoke(b -> b.functionName("routed:prod")
                .payload(SdkBytes.fromUtf8String("\"hi\"")));

        assertEquals("1", response.executedVersion());
        assertEquals("1", byArn.executedVersion());
        assertTrue(response.payload().asUtf8String().matches("\\d+"), response.payload().asUtf8String());
    }

    @Test
    void invoke_byAliasWithFullWeight_runsTheAdditionalVersion() {
        twoVersions("shifted");
        lambda.createAlias(b -> b.functionName("shifted").name("canary").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.0))));

        InvokeResponse response = lambda.invoke(b -> b.functionName("shifted").qualifier("canary")
                .payload(SdkBytes.fromUtf8String("\"hi\"")));

        assertEquals("2", response.executedVersion());
        assertEquals("\"HI!\"", response.payload().asUtf8String());
    }

    @Test
    void invoke_byAliasWithHalfWeight_reachesBothVersions() {
        twoVersions("split");
        lambda.createAlias(b -> b.functionName("split").name("half").functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.5))));

        Set<String> executed = new HashSet<>();
        // Both versions turn up within 40 calls unless the choice is not random (chance of a miss: 2 in 2^40).
        for (int call = 0; call < 40 && executed.size() < 2; call++) {
            executed.add(lambda.invoke(b -> b.functionName("split").qualifier("half")
                    .payload(SdkBytes.fromUtf8String("\"hi\""))).executedVersion());
        }

        assertEquals(Set.of("1", "2"), executed);
    }

    @Test
    void createAlias_twice_failsWithResourceConflict() {
        twoVersions("doubled");
        lambda.createAlias(b -> b.functionName("doubled").name("live").functionVersion("1"));

        ResourceConflictException error = assertThrows(ResourceConflictException.class,
                () -> lambda.createAlias(b -> b.functionName("doubled").name("live").functionVersion("2")));

        assertTrue(error.getMessage().contains("Alias already exists"), error.getMessage());
    }

    @Test
    void createAlias_ofMissingVersion_failsWithResourceNotFound() {
        twoVersions("nover");

        assertThrows(ResourceNotFoundException.class,
                () -> lambda.createAlias(b -> b.functionName("nover").name("live").functionVersion("9")));
    }

    @Test
    void getAlias_missing_failsWithResourceNotFound() {
        twoVersions("noalias");

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getAlias(b -> b.functionName("noalias").name("ghost")));

        assertTrue(error.getMessage().contains("function:noalias:ghost"), error.getMessage());
    }

    @Test
    void createAlias_withWeightAboveOne_failsWithInvalidParameterValue() {
        twoVersions("heavy");

        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> lambda.createAlias(b -> b.functionName("heavy").name("live").functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))));

        assertTrue(error.getMessage().contains("1.5"), error.getMessage());
    }

    @Test
    void createAlias_weightingItsOwnVersion_failsWithInvalidParameterValue() {
        twoVersions("selfish");

        assertThrows(InvalidParameterValueException.class,
                () -> lambda.createAlias(b -> b.functionName("selfish").name("live").functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.2)))));
    }

    @Test
    void updateAlias_withStaleRevisionId_failsWithPreconditionFailed() {
        twoVersions("racing");
        lambda.createAlias(b -> b.functionName("racing").name("live").functionVersion("1"));

        assertThrows(PreconditionFailedException.class, () -> lambda.updateAlias(b -> b.functionName("racing")
                .name("live").functionVersion("2").revisionId("stale")));
    }

    @Test
    void deleteFunction_ofVersionAnAliasUses_failsWithResourceConflict() {
        twoVersions("inuse");
        lambda.createAlias(b -> b.functionName("inuse").name("live").functionVersion("2"));

        assertThrows(ResourceConflictException.class,
                () -> lambda.deleteFunction(b -> b.functionName("inuse").qualifier("2")));
        assertEquals(3, lambda.listVersionsByFunction(b -> b.functionName("inuse")).versions().size());
    }

    /** Version 1 counts invocations, version 2 shouts; $LATEST equals version 2. */
    private void twoVersions(String name) {
        running.create(name, "fixtures.Counter::handle", FunctionZips.of(Counter.class, EchoString.class));
        lambda.publishVersion(b -> b.functionName(name));
        lambda.updateFunctionConfiguration(b -> b.functionName(name).handler("fixtures.EchoString::shout"));
        lambda.publishVersion(b -> b.functionName(name));
    }
}
