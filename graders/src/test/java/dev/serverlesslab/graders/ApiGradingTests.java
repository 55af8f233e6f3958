package dev.serverlesslab.graders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        GradingReport report = grade("http-api", true);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        assertEquals(3, report.passedChecks());
        String deploy = stage(report, Stage.DEPLOY).detail();
        assertTrue(deploy.contains("; HTTP API ") && deploy.contains("/_aws/execute-api/"), deploy);
    }

    @Test
    void grade_invocationsThroughTheApi_areInTheLogsReportLinesAndCost() {
        GradingReport report = grade("http-api", true);

        // The checks call only the API (three requests, one per check); none invokes the function directly.
        assertEquals(3, report.reportLines().size(), report::toJson);
        assertTrue(report.functionLog().contains("START RequestId: "), report.functionLog());
        assertEquals(3, report.cost().invocations(), report::toJson);
    }

    @Test
    void grade_restApiSolution_passesChecksMadeThroughTheTestStage() {
        GradingReport report = grade("rest-api", true);

        assertEquals(Status.PASSED, report.status(), report::toJson);
        String deploy = stage(report, Stage.DEPLOY).detail();
        assertTrue(deploy.contains("; REST API ") && deploy.endsWith("/test"), deploy);
    }

    @Test
    void grade_httpApiStarter_failsWithTheApisAnswer() {
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

    private static StageResult stage(GradingReport report, Stage stage) {
        return report.stages().stream().filter(s -> s.stage() == stage).findFirst().orElseThrow();
    }
}
