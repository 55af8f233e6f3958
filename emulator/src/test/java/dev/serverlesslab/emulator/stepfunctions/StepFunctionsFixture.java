package dev.serverlesslab.emulator.stepfunctions;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * An emulator on a free port with Step Functions and Lambda SDK clients configured as a grader's would be, plus the
 * calls the Step Functions tests repeat (functions from test fixtures, a state machine from a definition).
 */
final class StepFunctionsFixture implements AutoCloseable {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    static final String MACHINE_ROLE = "arn:aws:iam::000000000000:role/states-role";

    final Emulator emulator;
    final SfnClient sfn;
    final LambdaClient lambda;
    private final String functionRole;

    StepFunctionsFixture(Path workDir) {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        sfn = SfnClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create())
                // StartSyncExecution's endpoint has a "sync-" host prefix; against 127.0.0.1 it must be turned off.
                .overrideConfiguration(o -> o.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION,
                        true).retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(3)))
                .build();
        lambda = LambdaClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        functionRole = ExecutionRole.create(emulator.endpoint(), CREDENTIALS, "sfn-function-role");
    }

    /** Creates a Java 17 function from a fixture class and answers its ARN. */
    String function(String name, Class<?> handler) {
        return lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA17).role(functionRole)
                .handler(handler.getName()).memorySize(256).timeout(30)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(handler))))).functionArn();
    }

    /** Creates a STANDARD state machine and answers its ARN. */
    String machine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).roleArn(MACHINE_ROLE).definition(definition))
                .stateMachineArn();
    }

    @Override
    public void close() {
        sfn.close();
        lambda.close();
        emulator.close();
    }
}
