package dev.serverlesslab.graders.provision;

import dev.serverlesslab.graders.backend.AwsClients;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The AWS SDK v2 clients provisioning talks to, all acting in the grading's account; each is built on first use,
 * since most exercises need only a few services.
 */
final class ServiceClients implements AutoCloseable {

    private final AwsClients aws;
    private DynamoDbClient dynamoDb;
    private KmsClient kms;
    private SsmClient ssm;
    private IamClient iam;
    private ApiGatewayClient restApis;
    private ApiGatewayV2Client httpApis;
    private LambdaClient lambda;
    private S3Client s3;
    private SqsClient sqs;
    private SnsClient sns;
    private EventBridgeClient events;
    private SchedulerClient scheduler;
    private SfnClient sfn;
    private KinesisClient kinesis;
    private software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient logs;

    ServiceClients(AwsClients aws) {
        this.aws = aws;
    }

    /** Where the clients point and whose account they act in. */
    AwsClients aws() {
        return aws;
    }

    synchronized DynamoDbClient dynamoDb() {
        return dynamoDb == null ? dynamoDb = aws.build(DynamoDbClient.builder()) : dynamoDb;
    }

    synchronized KmsClient kms() {
        return kms == null ? kms = aws.build(KmsClient.builder()) : kms;
    }

    synchronized SsmClient ssm() {
        return ssm == null ? ssm = aws.build(SsmClient.builder()) : ssm;
    }

    synchronized IamClient iam() {
        return iam == null ? iam = aws.buildGlobal(IamClient.builder()) : iam;
    }

    synchronized ApiGatewayClient restApis() {
        return restApis == null ? restApis = aws.build(ApiGatewayClient.builder()) : restApis;
    }

    synchronized ApiGatewayV2Client httpApis() {
        return httpApis == null ? httpApis = aws.build(ApiGatewayV2Client.builder()) : httpApis;
    }

    synchronized LambdaClient lambda() {
        return lambda == null ? lambda = aws.build(LambdaClient.builder()) : lambda;
    }

    synchronized S3Client s3() {
        return s3 == null ? s3 = aws.build(S3Client.builder().forcePathStyle(true)) : s3;
    }

    synchronized SqsClient sqs() {
        return sqs == null ? sqs = aws.build(SqsClient.builder()) : sqs;
    }

    synchronized SnsClient sns() {
        return sns == null ? sns = aws.build(SnsClient.builder()) : sns;
    }

    synchronized EventBridgeClient events() {
        return events == null ? events = aws.build(EventBridgeClient.builder()) : events;
    }

    synchronized SchedulerClient scheduler() {
        return scheduler == null ? scheduler = aws.build(SchedulerClient.builder()) : scheduler;
    }

    synchronized SfnClient sfn() {
        return sfn == null ? sfn = aws.build(SfnClient.builder()) : sfn;
    }

    synchronized KinesisClient kinesis() {
        return kinesis == null ? kinesis = aws.build(KinesisClient.builder()) : kinesis;
    }

    synchronized software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient logs() {
        return logs == null ? logs = aws.build(software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient
                .builder()) : logs;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable client : new AutoCloseable[] {dynamoDb, kms, ssm, iam, restApis, httpApis, lambda, s3, sqs,
                sns, events, scheduler, sfn, kinesis, logs}) {
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
