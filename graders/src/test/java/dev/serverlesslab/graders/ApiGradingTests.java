package dev.serverlesslab.graders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Stage;
import dev.serverlesslab.graders.report.StageResult;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/** Gradings of exercises fronted by an API: checks call it through ApiClient, the function knows its URL. */
class ApiGradingTests {

    private static Backend backend;
    private static Grader grader;
    private static ExerciseCatalog catalog;

    @BeforeAll
    static void startBackend() {
        backend = Backend.embedded();
        grader = new Grader(backend);
        catalog = ExerciseCatalog.load(Path.of("src/test/resources/content"));
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void grade_httpApiSolution_passesChecksMadeThroughTheApi() {
        assumeServed("apigatewayv2");
        GradingReport report = grade("http-api", true);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(3, report.passedChecks());
        String deploy = stage(report, Stage.DEPLOY).detail();
        assertTrue(deploy.contains("; HTTP API ") && deploy.contains("/_aws/execute-api/"), deploy);
    }

    @Test
    void grade_restApiSolution_passesChecksMadeThroughTheTestStage() {
        assumeServed("apigateway");
        GradingReport report = grade("rest-api", true);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        String deploy = stage(report, Stage.DEPLOY).detail();
        assertTrue(deploy.contains("; REST API ") && deploy.endsWith("/test"), deploy);
    }

    @Test
    void grade_httpApiStarter_failsWithTheApisAnswer() {
        assumeServed("apigatewayv2");
        GradingReport report = grade("http-api", false);

        assertEquals(Status.FAILED, report.status(), report::toJson);
        assertTrue(report.checks().stream().anyMatch(c -> c.message() != null && c.message().contains("not yet")),
                report::toJson);
    }

    private static GradingReport grade(String id, boolean solution) {
        Exercise exercise = catalog.find(id).orElseThrow();
        return grader.grade(exercise, Submission.fromDirectory(solution ? exercise.solutionDir()
                : exercise.starterDir()), GradingListener.NONE);
    }

    // HTTP and REST APIs join the embedded emulator on other branches; until they have, there is nothing to grade on.
    private static void assumeServed(String service) {
        try (ApiGatewayClient rest = clientFor(ApiGatewayClient.builder());
             ApiGatewayV2Client http = clientFor(ApiGatewayV2Client.builder())) {
            if (service.equals("apigateway")) {
                rest.getRestApis();
            } else {
                http.getApis();
            }
        } catch (AwsServiceException e) {
            assumeTrue(!"UnknownOperationException".equals(e.awsErrorDetails().errorCode()),
                    "the embedded backend does not serve " + service + " yet");
        }
    }

    private static <B extends AwsClientBuilder<B, C>, C> C clientFor(B builder) {
        return builder.endpointOverride(backend.endpoint())
                .region(Region.of(backend.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}
