package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What a learner's SDK v2 code sees when it leaves out members AWS requires (the SDK v2, unlike boto3, sends such a
 * request and lets the service refuse it): one 400 naming every member missing, those of the structures it sent
 * included, in the service's own wording.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequiredMembersSdkTests {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @TempDir
    Path workDir;
    private Emulator emulator;
    private EventBridgeClient events;
    private SnsClient sns;
    private IamClient iam;
    private KmsClient kms;
    private SqsClient sqs;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
        events = EventBridgeClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        sns = SnsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        iam = IamClient.builder().endpointOverride(emulator.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        kms = KmsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    void stop() {
        events.close();
        sns.close();
        iam.close();
        kms.close();
        sqs.close();
        emulator.close();
    }

    @Test
    void putTargets_withATargetLackingItsArn_isRefused_namingTheTargetsMember() {
        events.putRule(r -> r.name("nightly").scheduleExpression("rate(1 day)"));

        AwsServiceException error = assertThrows(AwsServiceException.class, () -> events.putTargets(r -> r
                .rule("nightly").targets(t -> t.id("ok").arn("arn:aws:sqs:us-east-1:000000000000:q"), t -> t.id("2"))));

        assertEquals(400, error.statusCode());
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value null at 'targets.2.member.arn' failed to satisfy "
                + "constraint: Member must not be null", error.awsErrorDetails().errorMessage());
        assertEquals(0, events.listTargetsByRule(r -> r.rule("nightly")).targets().size());
    }

    @Test
    void createKey_withTagsLackingValues_namesEachOne() {
        AwsServiceException error = assertThrows(AwsServiceException.class, () -> kms.createKey(r -> r
                .tags(t -> t.tagKey("team"), t -> t.tagKey("env"))));

        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        assertEquals("2 validation errors detected: Value null at 'tags.1.member.tagValue' failed to satisfy "
                + "constraint: Member must not be null; Value null at 'tags.2.member.tagValue' failed to satisfy "
                + "constraint: Member must not be null", error.awsErrorDetails().errorMessage());
    }

    @Test
    void snsSubscribe_withoutTopicOrProtocol_namesBoth() {
        AwsServiceException error = assertThrows(AwsServiceException.class,
                () -> sns.subscribe(r -> r.endpoint("https://example.com/hook")));

        assertEquals(400, error.statusCode());
        assertEquals("ValidationError", error.awsErrorDetails().errorCode());
        assertEquals("2 validation errors detected: Value null at 'topicArn' failed to satisfy constraint: Member "
                + "must not be null; Value null at 'protocol' failed to satisfy constraint: Member must not be null",
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void iamCreateRole_withATagLackingItsValue_overTheQueryProtocol_isRefused() {
        AwsServiceException error = assertThrows(AwsServiceException.class, () -> iam.createRole(r -> r
                .roleName("tagged").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
                .tags(t -> t.key("team").value("a"), t -> t.key("env"))));

        assertEquals("ValidationError", error.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value null at 'tags.2.member.value' failed to satisfy "
                + "constraint: Member must not be null", error.awsErrorDetails().errorMessage());
    }

    @Test
    void snsPublish_withAMessageAttributeLackingItsDataType_namesItByItsKey() {
        String topic = sns.createTopic(r -> r.name("attributes")).topicArn();

        AwsServiceException error = assertThrows(AwsServiceException.class, () -> sns.publish(r -> r.topicArn(topic)
                .message("hi").messageAttributes(Map.of("color", software.amazon.awssdk.services.sns.model
                        .MessageAttributeValue.builder().stringValue("red").build()))));

        assertEquals(400, error.statusCode());
        assertEquals("ValidationError", error.awsErrorDetails().errorCode());
        assertEquals("1 validation error detected: Value null at 'messageAttributes.color.member.dataType' failed to "
                + "satisfy constraint: Member must not be null", error.awsErrorDetails().errorMessage());
    }

    @Test
    void sqs_namesTheFirstParameterMissing_asSqsDoes_andAMessageAttributesDataType() {
        String queue = sqs.createQueue(r -> r.queueName("required")).queueUrl();

        AwsServiceException both = assertThrows(AwsServiceException.class,
                () -> sqs.changeMessageVisibility(r -> r.queueUrl(queue)));
        AwsServiceException attribute = assertThrows(AwsServiceException.class, () -> sqs.sendMessage(r -> r
                .queueUrl(queue).messageBody("hi").messageAttributes(Map.of("color", software.amazon.awssdk.services
                        .sqs.model.MessageAttributeValue.builder().stringValue("red").build()))));

        assertEquals(400, both.statusCode());
        assertEquals("MissingParameter", both.awsErrorDetails().errorCode());
        assertEquals("The request must contain the parameter ReceiptHandle.",
                both.awsErrorDetails().errorMessage());
        assertEquals("The request must contain the parameter MessageAttributes.color.DataType.",
                attribute.awsErrorDetails().errorMessage());
        assertEquals(0, sqs.receiveMessage(r -> r.queueUrl(queue)).messages().size(), "nothing was sent");
    }
}
