package dev.serverlesslab.emulator.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.Emulator;
import dev.serverlesslab.emulator.EmulatorConfig;
import dev.serverlesslab.emulator.lambda.ExecutionRole;
import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.EnvironmentReport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * An emulator in strict mode, as the grading backend runs it: only issued credentials are accepted, each account
 * sees only its own things, and a function's own credentials act in its account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictAccountsTests {

    @TempDir
    Path workDir;
    private Emulator emulator;
    private IssuedCredentials gradingA;
    private IssuedCredentials gradingB;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir)
                .withStrictAccounts(true));
        gradingA = emulator.accounts().create();
        gradingB = emulator.accounts().create();
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void testCredentials_areRefusedWithEachProtocolsInvalidTokenError() {
        try (LambdaClient lambda = client(LambdaClient.builder(), "test");
             KmsClient kms = client(KmsClient.builder(), "test");
             IamClient iam = IamClient.builder().endpointOverride(emulator.endpoint()).region(Region.AWS_GLOBAL)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "t")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            AwsServiceException rest = assertThrows(AwsServiceException.class, lambda::listFunctions);
            AwsServiceException json = assertThrows(AwsServiceException.class, kms::listAliases);
            AwsServiceException query = assertThrows(AwsServiceException.class, iam::listRoles);

            assertEquals("UnrecognizedClientException", rest.awsErrorDetails().errorCode());
            assertEquals(403, rest.statusCode());
            assertEquals("UnrecognizedClientException", json.awsErrorDetails().errorCode());
            assertEquals(400, json.statusCode());
            assertEquals("InvalidClientTokenId", query.awsErrorDetails().errorCode());
            assertEquals(403, query.statusCode());
            assertTrue(rest.awsErrorDetails().errorMessage().contains("AWS_ACCESS_KEY_ID"), "says what to use");
        }
    }

    @Test
    void aGuessedAccountIdAsKey_isRefused() {
        try (SsmClient ssm = client(SsmClient.builder(), gradingA.accountId())) {
            AwsServiceException refused = assertThrows(AwsServiceException.class,
                    () -> ssm.describeParameters(b -> { }));

            assertEquals("UnrecognizedClientException", refused.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unsignedControlPlaneCalls_areRefused_butHealthAnswers() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                emulator.endpoint().resolve("/2015-03-31/functions/")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                emulator.endpoint().resolve("/_localstack/health")).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, unsigned.statusCode());
        assertEquals(Optional.of("MissingAuthenticationTokenException"),
                unsigned.headers().firstValue("X-Amzn-ErrorType"));
        assertEquals(200, health.statusCode());
    }

    @Test
    void kmsAliasesAndParameters_ofOneAccount_areInvisibleAndUntouchableFromAnother() {
        try (KmsClient kmsA = client(KmsClient.builder(), gradingA);
             KmsClient kmsB = client(KmsClient.builder(), gradingB);
             SsmClient ssmA = client(SsmClient.builder(), gradingA);
             SsmClient ssmB = client(SsmClient.builder(), gradingB)) {
            String keyId = kmsA.createKey(b -> { }).keyMetadata().keyId();
            kmsA.createAlias(b -> b.aliasName("alias/only-a").targetKeyId(keyId));
            ssmA.putParameter(b -> b.name("/only-a/secret").value("a's").type(ParameterType.STRING));

            assertTrue(kmsB.listAliases().aliases().stream().map(AliasListEntry::aliasName)
                    .noneMatch("alias/only-a"::equals));
            assertThrows(AwsServiceException.class, () -> kmsB.deleteAlias(b -> b.aliasName("alias/only-a")));
            assertThrows(ParameterNotFoundException.class, () -> ssmB.getParameter(b -> b.name("/only-a/secret")));
            assertThrows(ParameterNotFoundException.class,
                    () -> ssmB.deleteParameter(b -> b.name("/only-a/secret")));
            assertEquals("a's", ssmA.getParameter(b -> b.name("/only-a/secret")).parameter().value());
        }
    }

    @Test
    void tables_areSharedByEveryKeyOfAnAccount_andInvisibleToAnother() {
        IssuedCredentials secondKeyOfA = emulator.accounts().issue(gradingA.accountId());
        try (DynamoDbClient dynamoA = client(DynamoDbClient.builder(), gradingA);
             DynamoDbClient dynamoA2 = client(DynamoDbClient.builder(), secondKeyOfA);
             DynamoDbClient dynamoB = client(DynamoDbClient.builder(), gradingB)) {
            String arn = dynamoA.createTable(b -> b.tableName("orders").billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S)))
                    .tableDescription().tableArn();

            assertEquals("arn:aws:dynamodb:us-east-1:" + gradingA.accountId() + ":table/orders", arn);
            assertTrue(dynamoA2.listTables().tableNames().contains("orders"), "the function's key sees it too");
            assertFalse(dynamoB.listTables().tableNames().contains("orders"));
            assertThrows(AwsServiceException.class, () -> dynamoB.deleteTable(b -> b.tableName("orders")));
        }
    }

    @Test
    void callerIdentity_namesTheAccount_andNoResponseRevealsTheKey() {
        try (StsClient sts = client(StsClient.builder(), gradingA)) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertEquals(gradingA.accountId(), identity.account());
            assertFalse(identity.userId().contains(gradingA.accessKeyId()));
            assertFalse(identity.arn().contains(gradingA.accessKeyId()));
        }
    }

    @Test
    void assumeRole_inTheCallersAccount_givesWorkingCredentialsThere_andIsRefusedForAnotherAccount() {
        try (StsClient sts = client(StsClient.builder(), gradingA)) {
            Credentials assumed = sts.assumeRole(b -> b.roleArn("arn:aws:iam::" + gradingA.accountId()
                    + ":role/worker").roleSessionName("probe")).credentials();
            AwsServiceException crossAccount = assertThrows(AwsServiceException.class, () -> sts.assumeRole(b -> b
                    .roleArn("arn:aws:iam::" + gradingB.accountId() + ":role/worker").roleSessionName("probe")));

            try (StsClient asRole = client(StsClient.builder(), assumed.accessKeyId(), assumed.secretAccessKey())) {
                assertEquals(gradingA.accountId(), asRole.getCallerIdentity().account());
            }
            assertEquals("AccessDenied", crossAccount.awsErrorDetails().errorCode());
        }
    }

    @Test
    void aFunctionsOwnCredentials_actInItsAccount_andNotAsTheGradersKey() {
        try (LambdaClient lambdaA = client(LambdaClient.builder(), gradingA);
             LambdaClient lambdaB = client(LambdaClient.builder(), gradingB)) {
            ExecutionRole.create(emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    gradingA.accessKeyId(), gradingA.secretAccessKey())), "r");
            lambdaA.createFunction(b -> b.functionName("reporter").runtime(Runtime.JAVA17)
                    .role("arn:aws:iam::" + gradingA.accountId() + ":role/r")
                    .handler(EnvironmentReport.class.getName() + "::handle")
                    .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionZips.of(EnvironmentReport.class)))));
            String report = lambdaA.invoke(b -> b.functionName("reporter")).payload().asUtf8String();
            String key = report.replaceAll("(?s).*\"AWS_ACCESS_KEY_ID\":\"([^\"]*)\".*", "$1");

            assertEquals(Optional.of(gradingA.accountId()), emulator.accounts().accountOf(key));
            assertNotEquals(gradingA.accessKeyId(), key);
            assertTrue(lambdaB.listFunctions().functions().stream().map(FunctionConfiguration::functionName)
                    .noneMatch("reporter"::equals), "B does not see A's function");
            assertThrows(AwsServiceException.class, () -> lambdaB.deleteFunction(b -> b.functionName("reporter")));
            lambdaA.deleteFunction(b -> b.functionName("reporter"));
        }
    }

    @Test
    void snsHttpSubscriptions_areRefusedWithInvalidParameter_whileQueueSubscriptionsWork() {
        try (SnsClient sns = client(SnsClient.builder(), gradingA);
             SqsClient sqs = client(SqsClient.builder(), gradingA)) {
            String topic = sns.createTopic(b -> b.name("strict-http")).topicArn();
            for (String endpoint : List.of("http://127.0.0.1:5432/", "https://169.254.169.254/latest/meta-data/")) {
                String protocol = endpoint.substring(0, endpoint.indexOf(':'));
                software.amazon.awssdk.services.sns.model.InvalidParameterException refused = assertThrows(
                        software.amazon.awssdk.services.sns.model.InvalidParameterException.class,
                        () -> sns.subscribe(b -> b.topicArn(topic).protocol(protocol).endpoint(endpoint)));

                assertEquals("InvalidParameter", refused.awsErrorDetails().errorCode());
                assertTrue(refused.awsErrorDetails().errorMessage().contains("strict mode"),
                        refused.awsErrorDetails().errorMessage());
            }
            assertEquals(List.of(), sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions());
            String queueUrl = sqs.createQueue(b -> b.queueName("strict-http-queue")).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
            assertTrue(sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)).subscriptionArn()
                    .startsWith(topic));
        }
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder,
            IssuedCredentials credentials) {
        return client(builder, credentials.accessKeyId(), credentials.secretAccessKey());
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String key) {
        return client(builder, key, "test");
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(B builder, String key,
            String secret) {
        return builder.endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
