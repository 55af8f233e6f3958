package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * An emulator on a free port with a Lambda SDK client configured as the graders configure theirs, plus shorthands
 * for the calls tests repeat.
 */
final class RunningEmulator implements AutoCloseable {

    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";

    final Emulator emulator;
    final LambdaClient lambda;
    final Path workDir;

    RunningEmulator(Path workDir) {
        this.workDir = workDir;
        this.emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        this.lambda = LambdaClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                // One call, one invocation: a retried Invoke would blur what the test observed.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        // As the CLI tutorials do first: Lambda assumes only a role that exists and trusts it.
        ExecutionRole.create(emulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), "lambda-role");
        ExecutionRole.create(emulator.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), "r");
    }

    CreateFunctionResponse create(String name, String handler, byte[] zip) {
        return create(name, handler, zip, 128, 10, Map.of());
    }

    CreateFunctionResponse create(String name, String handler, byte[] zip, int memory, int timeout,
            Map<String, String> variables) {
        return lambda.createFunction(b -> b.functionName(name)
                .runtime(Runtime.JAVA17)
                .role(ROLE)
                .handler(handler)
                .memorySize(memory)
                .timeout(timeout)
                .environment(e -> e.variables(variables))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(zip))));
    }

    InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name)
                .payload(SdkBytes.fromUtf8String(payload))
                .logType(LogType.TAIL));
    }

    static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        lambda.close();
        emulator.close();
    }
}
