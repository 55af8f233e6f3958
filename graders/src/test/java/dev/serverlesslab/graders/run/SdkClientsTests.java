package dev.serverlesslab.graders.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.build.CompileResult;
import dev.serverlesslab.exercises.build.JavaSourceCompiler;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.report.CheckResult;
import dev.serverlesslab.graders.report.Status;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;

class SdkClientsTests {

    private static final URI BACKEND = URI.create("http://127.0.0.1:4999");
    private static final BackendCredentials CREDENTIALS =
            new BackendCredentials("123456789012", "LKIAEXAMPLEEXAMPLE12", "secret");

    @TempDir
    Path classes;

    @Test
    void checks_askingForSdkClients_getThemPointedAtTheBackend() {
        String source = """
                package checks;
                import static org.junit.jupiter.api.Assertions.*;
                import java.net.URI;
                import org.junit.jupiter.api.*;
                import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
                import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
                import software.amazon.awssdk.services.kms.KmsClient;
                import software.amazon.awssdk.services.lambda.LambdaClient;
                import software.amazon.awssdk.services.ssm.SsmClient;
                class SampleChecks {
                    @Test @DisplayName("gets every client")
                    void clients(DynamoDbClient dynamo, KmsClient kms, SsmClient ssm, LambdaClient lambda,
                                 CloudWatchLogsClient logs) {
                        URI backend = URI.create("http://127.0.0.1:4999");
                        assertEquals(backend, dynamo.serviceClientConfiguration().endpointOverride().orElseThrow());
                        assertEquals(backend, kms.serviceClientConfiguration().endpointOverride().orElseThrow());
                        assertEquals(backend, ssm.serviceClientConfiguration().endpointOverride().orElseThrow());
                        assertEquals(backend, lambda.serviceClientConfiguration().endpointOverride().orElseThrow());
                        assertEquals(backend, logs.serviceClientConfiguration().endpointOverride().orElseThrow());
                        assertEquals("eu-west-1", kms.serviceClientConfiguration().region().id());
                    }
                }
                """;
        CompileResult compiled = new JavaSourceCompiler().compile(Map.of("checks/SampleChecks.java", source),
                CheckClasspath.entries(), classes);
        assertTrue(compiled.success(), () -> "checks should compile against the SDK: " + compiled.diagnostics());

        List<CheckResult> results;
        try (SdkClients clients = new SdkClients(new AwsClients(BACKEND, "eu-west-1", CREDENTIALS))) {
            results = new CheckRunner().run(classes, clients.offerTo(CheckContext.of(unused())), Duration.ofSeconds(10),
                    GradingListener.NONE);
        }

        assertEquals(1, results.size());
        assertEquals(Status.PASSED, results.get(0).status(), results.get(0).message());
    }

    @Test
    void offerTo_buildsAClientOnlyWhenAskedAndThenReusesIt() {
        try (SdkClients clients = new SdkClients(new AwsClients(BACKEND, "us-east-1", CREDENTIALS))) {
            CheckContext context = clients.offerTo(CheckContext.of(unused()));

            assertTrue(context.offers(KmsClient.class));
            Object first = context.parameter(KmsClient.class).orElseThrow();
            assertSame(first, context.parameter(KmsClient.class).orElseThrow());
        }
    }

    private static DeployedFunction unused() {
        return new DeployedFunction() {
            @Override
            public String name() {
                return "unused";
            }

            @Override
            public Invocation invoke(String jsonEvent) {
                throw new AssertionError("these checks invoke nothing");
            }

            @Override
            public Invocation invoke(Object event) {
                throw new AssertionError("these checks invoke nothing");
            }

            @Override
            public int invocationCount() {
                return 0;
            }
        };
    }
}
