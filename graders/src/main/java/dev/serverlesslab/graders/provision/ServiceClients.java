package dev.serverlesslab.graders.provision;

import dev.serverlesslab.graders.backend.Backend;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK v2 clients provisioning talks to, pointed at the backend with the dummy credentials emulators accept;
 * each is built on first use, since most exercises need only a few services.
 */
final class ServiceClients implements AutoCloseable {

    private final Backend backend;
    private DynamoDbClient dynamoDb;
    private KmsClient kms;
    private SsmClient ssm;
    private IamClient iam;
    private ApiGatewayClient restApis;
    private ApiGatewayV2Client httpApis;
    private LambdaClient lambda;

    ServiceClients(Backend backend) {
        this.backend = backend;
    }

    Backend backend() {
        return backend;
    }

    synchronized DynamoDbClient dynamoDb() {
        return dynamoDb == null ? dynamoDb = build(DynamoDbClient.builder()) : dynamoDb;
    }

    synchronized KmsClient kms() {
        return kms == null ? kms = build(KmsClient.builder()) : kms;
    }

    synchronized SsmClient ssm() {
        return ssm == null ? ssm = build(SsmClient.builder()) : ssm;
    }

    synchronized IamClient iam() {
        // IAM is global on AWS; its SDK client wants the aws-global partition region.
        return iam == null ? iam = IamClient.builder()
                .endpointOverride(backend.endpoint())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials())
                .httpClient(http())
                .build() : iam;
    }

    synchronized ApiGatewayClient restApis() {
        return restApis == null ? restApis = build(ApiGatewayClient.builder()) : restApis;
    }

    synchronized ApiGatewayV2Client httpApis() {
        return httpApis == null ? httpApis = build(ApiGatewayV2Client.builder()) : httpApis;
    }

    synchronized LambdaClient lambda() {
        return lambda == null ? lambda = build(LambdaClient.builder()) : lambda;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return builder.endpointOverride(backend.endpoint())
                .region(Region.of(backend.region()))
                .credentialsProvider(credentials())
                .httpClient(http())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable client : new AutoCloseable[] {dynamoDb, kms, ssm, iam, restApis, httpApis, lambda}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception e) {
                    // Closing releases connections only; nothing on the backend depends on it.
                }
            }
        }
    }
}
