package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.emulator.ExternalClients;
import fixtures.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.model.Architecture;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogFormat;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.TracingMode;

/**
 * No silent drops: every CreateFunction and UpdateFunctionConfiguration setting is either honoured and reported back
 * as set, or refused with InvalidParameterValueException naming the member.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaSettingsSdkTests {

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
    void arm64AndActiveTracing_areReportedAsSet_andTheFunctionStillRuns() {
        CreateFunctionResponse created = running.lambda.createFunction(base("arm").architectures(Architecture.ARM64)
                .tracingConfig(t -> t.mode(TracingMode.ACTIVE)).build());

        assertEquals(List.of(Architecture.ARM64), created.architectures());
        assertEquals(TracingMode.ACTIVE, created.tracingConfig().mode());
        GetFunctionConfigurationResponse read = running.lambda.getFunctionConfiguration(b -> b.functionName("arm"));
        assertEquals(List.of(Architecture.ARM64), read.architectures());
        assertEquals(TracingMode.ACTIVE, read.tracingConfig().mode());
        assertEquals(null, running.invoke("arm", "{}").functionError());
    }

    @Test
    void tracingMode_changesThroughUpdateFunctionConfiguration_andOtherSettingsKeepIt() {
        running.lambda.createFunction(base("traced").build());
        assertEquals(TracingMode.PASS_THROUGH,
                running.lambda.getFunctionConfiguration(b -> b.functionName("traced")).tracingConfig().mode());

        running.lambda.updateFunctionConfiguration(b -> b.functionName("traced")
                .tracingConfig(t -> t.mode(TracingMode.ACTIVE)));
        running.lambda.updateFunctionConfiguration(b -> b.functionName("traced").timeout(7));

        GetFunctionConfigurationResponse read = running.lambda.getFunctionConfiguration(b -> b.functionName("traced"));
        assertEquals(TracingMode.ACTIVE, read.tracingConfig().mode());
        assertEquals(7, read.timeout());
    }

    @Test
    void textLoggingInTheDefaultGroup_andAnEmptyVpcConfig_areAccepted() {
        CreateFunctionResponse created = running.lambda.createFunction(base("plain")
                .loggingConfig(l -> l.logFormat(LogFormat.TEXT).logGroup("/aws/lambda/plain"))
                .vpcConfig(v -> v.subnetIds(List.of()).securityGroupIds(List.of())).build());

        assertEquals(LogFormat.TEXT, created.loggingConfig().logFormat());
        assertEquals("/aws/lambda/plain", created.loggingConfig().logGroup());
    }

    @Test
    void settingsThatCannotBeHonoured_areRefusedNamingTheMember_andNoFunctionIsLeftBehind() {
        assertRefused("VpcConfig", b -> b.vpcConfig(v -> v.subnetIds("subnet-1").securityGroupIds("sg-1")));
        assertRefused("SnapStart.ApplyOn", b -> b.snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS)));
        assertRefused("KMSKeyArn", b -> b.kmsKeyArn("arn:aws:kms:us-east-1:000000000000:key/1234"));
        assertRefused("FileSystemConfigs", b -> b.fileSystemConfigs(f -> f
                .arn("arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1")
                .localMountPath("/mnt/efs")));
        assertRefused("CodeSigningConfigArn", b -> b.codeSigningConfigArn(
                "arn:aws:lambda:us-east-1:000000000000:code-signing-config:csc-1"));

        assertTrue(running.lambda.listFunctions().functions().stream()
                .noneMatch(f -> f.functionName().equals("refused")));
    }

    @Test
    void updateFunctionConfiguration_refusesWhatItCannotHonour_andKeepsTheFunctionAsItWas() {
        running.lambda.createFunction(base("kept").build());

        InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class,
                () -> running.lambda.updateFunctionConfiguration(b -> b.functionName("kept")
                        .loggingConfig(l -> l.logFormat(LogFormat.TEXT).applicationLogLevel("DEBUG"))));

        assertTrue(refused.getMessage().startsWith("LoggingConfig."), refused.getMessage());
        assertEquals(LogFormat.TEXT,
                running.lambda.getFunctionConfiguration(b -> b.functionName("kept")).loggingConfig().logFormat());
    }

    @Test
    void aRoleThatDoesNotExist_orDoesNotTrustLambda_isRefusedAsAwsDoes() {
        String message = "The role defined for the function cannot be assumed by Lambda.";
        InvalidParameterValueException missing = assertThrows(InvalidParameterValueException.class,
                () -> running.lambda.createFunction(base("no-role").role("arn:aws:iam::000000000000:role/nobody")
                        .build()));
        assertEquals(message, missing.awsErrorDetails().errorMessage());

        try (IamClient iam = IamClient.builder().endpointOverride(running.emulator.endpoint())
                .region(Region.AWS_GLOBAL).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            String ec2Only = iam.createRole(b -> b.roleName("ec2-only").assumeRolePolicyDocument(
                    ExecutionRole.TRUST_LAMBDA.replace("lambda.amazonaws.com", "ec2.amazonaws.com"))).role().arn();
            InvalidParameterValueException untrusted = assertThrows(InvalidParameterValueException.class,
                    () -> running.lambda.createFunction(base("untrusted").role(ec2Only).build()));
            assertEquals(message, untrusted.awsErrorDetails().errorMessage());
        }
        running.lambda.createFunction(base("has-role").build());
        InvalidParameterValueException update = assertThrows(InvalidParameterValueException.class,
                () -> running.lambda.updateFunctionConfiguration(b -> b.functionName("has-role")
                        .role("arn:aws:iam::000000000000:role/nobody")));
        assertEquals(message, update.awsErrorDetails().errorMessage());
        assertEquals(RunningEmulator.ROLE,
                running.lambda.getFunctionConfiguration(b -> b.functionName("has-role")).role());
    }

    @Test
    void twoArchitectures_failTheModelsLengthConstraint() {
        LambdaException error = assertThrows(LambdaException.class, () -> running.lambda.createFunction(
                base("two-arch").architectures(Architecture.ARM64, Architecture.X86_64).build()));

        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertTrue(error.getMessage().contains("architectures"), error.getMessage());
    }

    @Test
    void boto3_seesArm64AndActiveTracing_andTheVpcRefusal() throws Exception {
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine");
        Path zip = workDir.resolve("counter.zip");
        Files.write(zip, FunctionZips.of(Counter.class));
        String script = """
                import boto3, sys
                c = boto3.client("lambda", endpoint_url=sys.argv[1], region_name="us-east-1",
                                 aws_access_key_id="test", aws_secret_access_key="test")
                code = open(sys.argv[2], "rb").read()
                f = c.create_function(FunctionName="py-arm", Runtime="java17", Role=sys.argv[3],
                                      Handler="fixtures.Counter::handle", Code={"ZipFile": code},
                                      Architectures=["arm64"], TracingConfig={"Mode": "Active"})
                try:
                    c.create_function(FunctionName="py-vpc", Runtime="java17", Role=sys.argv[3],
                                      Handler="fixtures.Counter::handle", Code={"ZipFile": code},
                                      VpcConfig={"SubnetIds": ["subnet-1"], "SecurityGroupIds": ["sg-1"]})
                    raise SystemExit("a VPC was accepted")
                except c.exceptions.InvalidParameterValueException as e:
                    refused = e.response["Error"]["Message"].split(" ")[0]
                print(f["Architectures"][0], f["TracingConfig"]["Mode"], refused)
                """;
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script,
                running.emulator.endpoint().toString(), zip.toString(), RunningEmulator.ROLE));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("arm64 Active VpcConfig", result.output().strip());
    }

    private void assertRefused(String member, Consumer<CreateFunctionRequest.Builder> setting) {
        CreateFunctionRequest.Builder builder = base("refused");
        setting.accept(builder);
        InvalidParameterValueException refused = assertThrows(InvalidParameterValueException.class,
                () -> running.lambda.createFunction(builder.build()), member);
        assertTrue(refused.getMessage().startsWith(member + " is not supported"), refused.getMessage());
    }

    private static CreateFunctionRequest.Builder base(String name) {
        return CreateFunctionRequest.builder().functionName(name).runtime(Runtime.JAVA17).role(RunningEmulator.ROLE)
                .handler("fixtures.Counter::handle")
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(Counter.class))));
    }
}
