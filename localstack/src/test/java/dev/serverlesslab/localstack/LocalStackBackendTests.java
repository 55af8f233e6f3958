package dev.serverlesslab.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.AwsAccess;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendUnavailableException;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/** The localstack backend: its fail-fast answer without Docker everywhere, a whole grading where Docker runs. */
class LocalStackBackendTests {

    /** The graders module's test course, whose echo exercise passes with its own solution. */
    private static final Path GRADERS_CONTENT = Path.of("../graders/src/test/resources/content");

    @Test
    void start_withoutDocker_failsFast_sayingWhatToDoInstead() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> LocalStackBackend.start(LocalStackBackend.DEFAULT_IMAGE, Optional.empty(), () -> false,
                        AwsAccess.perGradingAccounts()));

        assertTrue(e.getMessage().startsWith("The localstack backend needs a Docker engine and none is reachable ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); use --backend embedded, or start Docker"), e.getMessage());
    }

    @Test
    void start_withoutDocker_namesWhereDockerWasLookedFor() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> LocalStackBackend.start("localstack/localstack:latest", Optional.of("token"), () -> false,
                        AwsAccess.perGradingAccounts()));

        assertTrue(e.getMessage().contains("DOCKER_HOST") || e.getMessage().contains("docker.sock"), e.getMessage());
    }

    @Test
    void start_badImageName_saysSo_beforeLookingForDocker() {
        AtomicBoolean probed = new AtomicBoolean();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalStackBackend.start("Not An Image!", Optional.empty(), () -> probed.getAndSet(true),
                        AwsAccess.perGradingAccounts()));

        assertTrue(e.getMessage().contains("'Not An Image!' is not a Docker image name"), e.getMessage());
        assertFalse(probed.get(), "Docker was probed for an image name that can never start");
    }

    @Test
    void localstack_startsEveryServiceTheGraderAndChecksUse() {
        assertEquals(java.util.List.of("lambda", "apigateway", "dynamodb", "kms", "ssm", "logs", "iam", "sts"),
                LocalStackBackend.SERVICES);
        assertEquals("localstack/localstack:4.14.0", LocalStackBackend.DEFAULT_IMAGE);
    }

    @Test
    void grade_echoSolution_onLocalStack_passes() {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine reachable here: the localstack backend is exercised only where Docker runs");
        Exercise echo = ExerciseCatalog.load(GRADERS_CONTENT).find("echo").orElseThrow();

        try (Backend backend = Backend.optional("localstack", AwsAccess.perGradingAccounts(), Map.of())) {
            GradingReport report = new Grader(backend).grade(echo, Submission.fromDirectory(echo.solutionDir()),
                    GradingListener.NONE);

            assertEquals("localstack", backend.name());
            assertEquals(Status.PASSED, report.status(), report::toJson);
        }
    }
}
