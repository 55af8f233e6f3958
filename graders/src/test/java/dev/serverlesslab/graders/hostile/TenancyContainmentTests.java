package dev.serverlesslab.graders.hostile;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseCatalog;
import dev.serverlesslab.exercises.submission.Submission;
import dev.serverlesslab.graders.Grader;
import dev.serverlesslab.graders.GradingListener;
import dev.serverlesslab.graders.backend.AwsClients;
import dev.serverlesslab.graders.backend.Backend;
import dev.serverlesslab.graders.backend.BackendCredentials;
import dev.serverlesslab.graders.layer.SdkLayerCache;
import dev.serverlesslab.graders.layer.SdkLayers;
import dev.serverlesslab.graders.report.GradingReport;
import dev.serverlesslab.graders.report.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LayersListItem;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Hostile submissions against tenancy: a handler that lists and deletes everything it can name, running beside
 * another learner's resources and another grading, on the embedded backend. It sees only its own grading's things,
 * cannot touch anyone else's nor the platform's SDK layer, and credentials other than its own are refused.
 */
class TenancyContainmentTests {

    private static final String VICTIM_SECRET = "victim-secret-value";

    @TempDir
    static Path content;
    @TempDir
    static Path layerCache;

    private static Backend backend;
    private static Grader grader;
    private static BackendCredentials victimAccount;
    private static AwsClients victim;
    private static String victimApiId;

    @BeforeAll
    static void startBackendWithAnotherLearnersResources() throws IOException {
        backend = Backend.embedded();
        grader = new Grader(backend, new SdkLayers(new SdkLayerCache(layerCache)), Exercise::sdk);
        victimAccount = backend.newAccount();
        victim = new AwsClients(backend, victimAccount);
        try (LambdaClient lambda = victim.lambda(Duration.ofSeconds(30));
             ApiGatewayV2Client apis = victim.build(ApiGatewayV2Client.builder());
             DynamoDbClient dynamo = victim.build(DynamoDbClient.builder());
             KmsClient kms = victim.build(KmsClient.builder());
             SsmClient ssm = victim.build(SsmClient.builder())) {
            createExecutionRole(victim, "victim");
            lambda.createFunction(b -> b.functionName("victim-fn").runtime(Runtime.JAVA17)
                    .role("arn:aws:iam::" + victimAccount.accountId() + ":role/victim").handler("victim.Handler")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zipOf("victim/readme.txt")))));
            victimApiId = apis.createApi(b -> b.name("victim-api").protocolType(ProtocolType.HTTP)).apiId();
            dynamo.createTable(b -> b.tableName("victim-table").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
            String keyId = kms.createKey(b -> { }).keyMetadata().keyId();
            kms.createAlias(b -> b.aliasName("alias/victim-alias").targetKeyId(keyId));
            ssm.putParameter(b -> b.name("/victim/secret").value(VICTIM_SECRET).type(ParameterType.STRING));
        }
        writeProbeExercise(content.resolve("exercises/tenancy-probe"));
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @Test
    void aHandlerDeletingWhatItCanName_seesOnlyItsGrading_andLeavesOthersAndTheSdkLayerIntact() throws Exception {
        Exercise probe = ExerciseCatalog.load(content).find("tenancy-probe").orElseThrow();
        Exercise greeting = ExerciseCatalog.load(Path.of("src/test/resources/content")).find("greeting")
                .orElseThrow();

        // Another grading runs side by side with the hostile one.
        CompletableFuture<GradingReport> beside = CompletableFuture.supplyAsync(() ->
                grader.grade(greeting, Submission.fromDirectory(greeting.solutionDir()), GradingListener.NONE));
        GradingReport hostile = grader.grade(probe, Submission.fromDirectory(probe.solutionDir()),
                GradingListener.NONE);
        GradingReport other = beside.get();

        String log = hostile.functionLog();
        assertEquals(Status.PASSED, hostile.status(), hostile::toJson);
        assertEquals(Status.PASSED, other.status(), other::toJson);
        assertTrue(log.contains("PROBE "), log);
        assertAll("the handler saw nothing of another account",
                () -> assertFalse(log.contains("victim-"), log),
                () -> assertFalse(log.contains("/victim/"), log),
                () -> assertFalse(log.contains(VICTIM_SECRET), log),
                () -> assertFalse(log.contains("lab-greeting-"), "nor of the grading beside it: " + log),
                () -> assertTrue(log.matches("(?s).*functions=\\[lab-tenancy-probe-[0-9a-f]{8}\\].*"),
                        "only its own function: " + log),
                () -> assertTrue(log.contains("apis=[]") && log.contains("tables=[]") && log.contains("aliases=[]")
                        && log.contains("parameters=[]"), log),
                () -> assertTrue(log.contains("layers=[]"), "the platform's layers are not listed: " + log),
                () -> assertTrue(log.contains("getParameter=refused ParameterNotFound"), log),
                () -> assertTrue(log.contains("ungrantLayer=refused ResourceNotFoundException"), log));
        assertAll("credentials other than the function's own are refused",
                () -> assertTrue(log.contains("withTestKey=refused UnrecognizedClientException"), log),
                () -> assertTrue(log.contains("withVictimAccountAsKey=refused UnrecognizedClientException"), log),
                () -> assertTrue(log.contains("withPlatformAccountAsKey=refused UnrecognizedClientException"), log));
        assertVictimIntact();
        assertSdkLayerStillUsableByANewGrading();
        String reports = hostile.toJson() + other.toJson();
        assertFalse(reports.contains(victimAccount.accessKeyId()), "no key id in any report");
        assertFalse(reports.contains(backend.platformAccount().accessKeyId()), "no key id in any report");
    }

    private static void assertVictimIntact() {
        try (LambdaClient lambda = victim.lambda(Duration.ofSeconds(30));
             ApiGatewayV2Client apis = victim.build(ApiGatewayV2Client.builder());
             DynamoDbClient dynamo = victim.build(DynamoDbClient.builder());
             KmsClient kms = victim.build(KmsClient.builder());
             SsmClient ssm = victim.build(SsmClient.builder())) {
            assertEquals("victim-fn", lambda.getFunction(b -> b.functionName("victim-fn")).configuration()
                    .functionName());
            assertEquals("victim-api", apis.getApi(b -> b.apiId(victimApiId)).name());
            assertEquals("victim-table", dynamo.describeTable(b -> b.tableName("victim-table")).table().tableName());
            assertTrue(kms.listAliases().aliases().stream().map(AliasListEntry::aliasName)
                    .anyMatch("alias/victim-alias"::equals));
            assertEquals(VICTIM_SECRET, ssm.getParameter(b -> b.name("/victim/secret")).parameter().value());
        }
    }

    /** Lambda assumes only a role that exists in the function's account and trusts it, as on AWS. */
    private static void createExecutionRole(AwsClients clients, String name) {
        try (IamClient iam = clients.buildGlobal(IamClient.builder())) {
            iam.createRole(b -> b.roleName(name).assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},"
                    + "\"Action\":\"sts:AssumeRole\"}]}"));
        }
    }

    /** A hello-lambda submission once deleted the shared layer and every later SDK grading failed. */
    private static void assertSdkLayerStillUsableByANewGrading() {
        AwsClients platform = new AwsClients(backend, backend.platformAccount());
        AwsClients nextGrading = new AwsClients(backend, backend.newAccount());
        try (LambdaClient platformLambda = platform.lambda(Duration.ofSeconds(30));
             LambdaClient nextLambda = nextGrading.lambda(Duration.ofSeconds(30))) {
            List<LayersListItem> layers = platformLambda.listLayers().layers();
            assertEquals(1, layers.size(), "the SDK layer is still published: " + layers);
            String layerVersionArn = layers.get(0).latestMatchingVersion().layerVersionArn();
            createExecutionRole(nextGrading, "next");
            nextLambda.createFunction(b -> b.functionName("next-grading").runtime(Runtime.JAVA17)
                    .role("arn:aws:iam::" + nextGrading.accountId() + ":role/next").handler("next.Handler")
                    .layers(layerVersionArn)
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(zipOf("next/readme.txt")))));
            assertEquals(layerVersionArn, nextLambda.getFunctionConfiguration(b -> b.functionName("next-grading"))
                    .layers().get(0).arn());
        }
    }

    private static void writeProbeExercise(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("solution/probe"));
        Files.createDirectories(dir.resolve("checks"));
        Files.writeString(dir.resolve("README.md"), "# Tenancy probe\n\nA hostile submission (test fixture).\n");
        Files.writeString(dir.resolve("exercise.yml"), """
                title: Tenancy probe (hostile test fixture)
                lesson: 02-anatomy-of-a-lambda-function
                handler: probe.Probe::handleRequest
                memory: 512
                timeout: 60
                sdk: [lambda, apigatewayv2, dynamodb, kms, ssm]
                environment:
                  VICTIM_ACCOUNT: "%s"
                  VICTIM_API: "%s"
                """.formatted(victimAccount.accountId(), victimApiId));
        Files.writeString(dir.resolve("checks/ProbeChecks.java"), """
                package checks;

                import static org.junit.jupiter.api.Assertions.assertTrue;

                import dev.serverlesslab.graders.check.DeployedFunction;
                import dev.serverlesslab.graders.check.Invocation;
                import org.junit.jupiter.api.DisplayName;
                import org.junit.jupiter.api.Test;

                class ProbeChecks {
                    @Test
                    @DisplayName("the probe ran to the end")
                    void ran(DeployedFunction function) {
                        Invocation result = function.invoke("{}");
                        assertTrue(result.succeeded(), () -> result.errorType() + ": " + result.errorMessage());
                    }
                }
                """);
        Files.writeString(dir.resolve("solution/probe/Probe.java"), PROBE_SOURCE);
    }

    private static byte[] zipOf(String entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write("placeholder".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** Lists, reads and deletes whatever it can name, then tries other keys; prints what it got. */
    private static final String PROBE_SOURCE = """
            package probe;

            import java.util.Arrays;
            import java.util.Map;
            import java.util.TreeMap;
            import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
            import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
            import software.amazon.awssdk.awscore.exception.AwsServiceException;
            import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
            import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
            import software.amazon.awssdk.services.kms.KmsClient;
            import software.amazon.awssdk.services.lambda.LambdaClient;
            import software.amazon.awssdk.services.ssm.SsmClient;

            public class Probe {

                interface Call {
                    Object run() throws Exception;
                }

                static String attempt(Call call) {
                    try {
                        return String.valueOf(call.run());
                    } catch (AwsServiceException e) {
                        return "refused " + e.awsErrorDetails().errorCode();
                    } catch (Exception e) {
                        return "failed " + e.getClass().getSimpleName();
                    }
                }

                static Object listFunctionsAs(String key) {
                    try (LambdaClient lambda = LambdaClient.builder().credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, "test"))).build()) {
                        return lambda.listFunctions().functions().size() + " functions";
                    }
                }

                public Map<String, String> handleRequest(Map<String, Object> event) {
                    String victimAccount = System.getenv("VICTIM_ACCOUNT");
                    String victimApi = System.getenv("VICTIM_API");
                    String region = System.getenv("AWS_REGION");
                    Map<String, String> seen = new TreeMap<>();
                    String[] layer;
                    try (LambdaClient lambda = LambdaClient.create();
                         ApiGatewayV2Client apis = ApiGatewayV2Client.create();
                         DynamoDbClient dynamo = DynamoDbClient.create();
                         KmsClient kms = KmsClient.create();
                         SsmClient ssm = SsmClient.create()) {
                        seen.put("functions", attempt(() -> lambda.listFunctions().functions().stream()
                                .map(f -> f.functionName()).toList()));
                        seen.put("layers", attempt(() -> lambda.listLayers().layers().stream()
                                .map(l -> l.layerName()).toList()));
                        seen.put("apis", attempt(() -> apis.getApis(b -> { }).items().stream()
                                .map(a -> a.name()).toList()));
                        seen.put("tables", attempt(() -> dynamo.listTables().tableNames()));
                        seen.put("aliases", attempt(() -> kms.listAliases().aliases().stream()
                                .map(a -> a.aliasName()).filter(n -> !n.startsWith("alias/aws/")).toList()));
                        seen.put("parameters", attempt(() -> ssm.describeParameters(b -> { }).parameters().stream()
                                .map(p -> p.name()).toList()));
                        seen.put("deleteFunction", attempt(() -> lambda.deleteFunction(b -> b.functionName(
                                "victim-fn"))));
                        seen.put("deleteFunctionByArn", attempt(() -> lambda.deleteFunction(b -> b.functionName(
                                "arn:aws:lambda:" + region + ":" + victimAccount + ":function:victim-fn"))));
                        seen.put("deleteApi", attempt(() -> apis.deleteApi(b -> b.apiId(victimApi))));
                        seen.put("deleteTable", attempt(() -> dynamo.deleteTable(b -> b.tableName("victim-table"))));
                        seen.put("deleteAlias", attempt(() -> kms.deleteAlias(b -> b.aliasName(
                                "alias/victim-alias"))));
                        seen.put("getParameter", attempt(() -> ssm.getParameter(b -> b.name("/victim/secret"))
                                .parameter().value()));
                        seen.put("deleteParameter", attempt(() -> ssm.deleteParameter(b -> b.name(
                                "/victim/secret"))));
                        // The function's own configuration names the SDK layer, and so the platform's account.
                        layer = lambda.getFunctionConfiguration(b -> b.functionName(
                                System.getenv("AWS_LAMBDA_FUNCTION_NAME"))).layers().get(0).arn().split(":");
                        long version = Long.parseLong(layer[7]);
                        String layerArn = String.join(":", Arrays.copyOf(layer, 7));
                        seen.put("deleteLayer", attempt(() -> lambda.deleteLayerVersion(b -> b.layerName(layer[6])
                                .versionNumber(version))));
                        seen.put("deleteLayerByArn", attempt(() -> lambda.deleteLayerVersion(b -> b
                                .layerName(layerArn).versionNumber(version))));
                        seen.put("ungrantLayer", attempt(() -> lambda.removeLayerVersionPermission(b -> b
                                .layerName(layerArn).versionNumber(version).statementId("serverless-lab-gradings"))));
                    }
                    seen.put("withTestKey", attempt(() -> listFunctionsAs("test")));
                    seen.put("withVictimAccountAsKey", attempt(() -> listFunctionsAs(victimAccount)));
                    seen.put("withPlatformAccountAsKey", attempt(() -> listFunctionsAs(layer[4])));
                    System.out.println("PROBE " + seen);
                    return seen;
                }
            }
            """;
}
