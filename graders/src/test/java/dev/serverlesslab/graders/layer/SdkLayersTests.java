package dev.serverlesslab.graders.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.SdkModules;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LayerVersionsListItem;

/** Publishing SDK layers to the embedded backend: once per module set, found again by a later grader. */
class SdkLayersTests {

    private static Backend backend;
    private static LambdaClient lambda;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void start() {
        backend = Backend.embedded();
        lambda = new AwsClients(backend, backend.platformAccount()).lambda(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        lambda.close();
        backend.close();
    }

    private static List<LayerVersionsListItem> versions(SdkModules modules) {
        return lambda.listLayerVersions(b -> b.layerName(SdkLayers.layerName(modules))).layerVersions();
    }

    @Test
    void layerFor_firstTime_buildsAndPublishesWithTheHashInTheDescription() {
        SdkModules modules = SdkModules.of(List.of("kms"));

        SdkLayers.SdkLayer layer = new SdkLayers(new SdkLayerCache(cacheDir)).layerFor(modules, lambda, "embedded");

        assertTrue(layer.detail().matches("SDK layer kms \\(built, \\d+\\.\\d MB\\)"), layer.detail());
        assertEquals(1, versions(modules).size());
        assertEquals(layer.layerVersionArn(), versions(modules).get(0).layerVersionArn());
        assertTrue(versions(modules).get(0).description().contains(modules.hash()));
    }

    @Test
    void layerFor_grantsTheVersionToEveryAccount_soGradingsAttachItByArn() {
        SdkModules modules = SdkModules.of(List.of("lambda"));

        SdkLayers.SdkLayer layer = new SdkLayers(new SdkLayerCache(cacheDir)).layerFor(modules, lambda, "embedded");
        long version = Long.parseLong(layer.layerVersionArn().substring(layer.layerVersionArn().lastIndexOf(':') + 1));
        String policy = lambda.getLayerVersionPolicy(b -> b.layerName(SdkLayers.layerName(modules))
                .versionNumber(version)).policy();

        assertTrue(policy.contains("\"Sid\":\"" + SdkLayers.GRADINGS_STATEMENT + "\""), policy);
        assertTrue(policy.contains("\"Principal\":\"*\""), policy);
        assertTrue(policy.contains("\"Action\":\"lambda:GetLayerVersion\""), policy);
    }

    @Test
    void layerFor_again_reusesThePublishedVersionInMemoryAndAcrossGraders() {
        SdkModules modules = SdkModules.of(List.of("cloudwatchlogs", "ssm"));
        SdkLayers layers = new SdkLayers(new SdkLayerCache(cacheDir));

        SdkLayers.SdkLayer first = layers.layerFor(modules, lambda, "embedded");
        SdkLayers.SdkLayer again = layers.layerFor(modules, lambda, "embedded");
        SdkLayers.SdkLayer fromAnotherGrader =
                new SdkLayers(new SdkLayerCache(cacheDir)).layerFor(modules, lambda, "embedded");

        assertEquals(first.layerVersionArn(), again.layerVersionArn());
        assertEquals(first.layerVersionArn(), fromAnotherGrader.layerVersionArn());
        assertEquals("SDK layer cloudwatchlogs+ssm (cached)", fromAnotherGrader.detail());
        assertEquals(1, versions(modules).size(), "published once");
    }
}
