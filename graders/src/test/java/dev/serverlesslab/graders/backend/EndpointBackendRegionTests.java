package dev.serverlesslab.graders.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.layer.SdkLayerCache;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LayersListItem;

/**
 * A grading through the endpoint backend against a standalone emulator (as {@code ./lab emulator --region eu-west-3}
 * runs it) with a non-default region and the person's own, non-{@code test} keys.
 */
class EndpointBackendRegionTests {

    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";

    @TempDir
    Path layerCache;

    @Test
    void grading_inEuWest3_withOwnKeys_provisionsDeploysAndChecksThere() {
        Exercise ssmConfig = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("ssm-config")
                .orElseThrow();
        AwsAccess access = AwsAccess.fromEnvironment(Map.of("HOME", layerCache.toString(),
                "AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                Optional.empty(), Optional.of("eu-west-3"));
        EmulatorConfig config = new EmulatorConfig("127.0.0.1", 0, "eu-west-3", null);

        try (Emulator standalone = Emulator.start(config);
                Backend endpoint = Backend.endpoint(standalone.endpoint(), access)) {
            // The standalone emulator maps a key that is not 12 digits to its default account, as LocalStack does.
            assertEquals("000000000000", endpoint.newAccount().accountId());
            assertEquals(KEY_ID, endpoint.platformAccount().accessKeyId());

            // The checks put the parameter with their SsmClient and the handler reads it with SsmClient.create():
            // both meet only if the checks' clients and the deployed function act in the same region.
            GradingReport report = new Grader(endpoint, new SdkLayers(new SdkLayerCache(layerCache)),
                    exercise -> List.of("ssm")).grade(ssmConfig, Submission.fromDirectory(ssmConfig.solutionDir()),
                    GradingListener.NONE);

            assertEquals(Status.PASSED, report.status(), report::toJson);
            assertEquals(List.of("eu-west-3"), regionsHoldingTheSdkLayer(endpoint, List.of("us-east-1", "eu-west-3")));
        }
    }

    /** The shared SDK layer stays published after the grading: where it is shows where the grader deployed. */
    private static List<String> regionsHoldingTheSdkLayer(Backend backend, List<String> regions) {
        return regions.stream().filter(region -> {
            AwsClients clients = new AwsClients(backend.endpoint(), region, backend.platformAccount());
            try (LambdaClient lambda = clients.build(LambdaClient.builder())) {
                List<LayersListItem> layers = lambda.listLayers().layers();
                return !layers.isEmpty();
            }
        }).toList();
    }
}
