package dev.serverlesslab.emulator.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fixtures.Counter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.GetPolicyResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** AddPermission, GetPolicy and RemovePermission through the AWS SDK v2, as API Gateway provisioning calls them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LambdaPermissionsSdkTests {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final String API_ARN = "arn:aws:execute-api:us-east-1:000000000000:abc123/*/*/hello";
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path workDir;
    private RunningEmulator running;
    private LambdaClient lambda;

    @BeforeAll
    void start() {
        running = new RunningEmulator(workDir);
        lambda = running.lambda;
    }

    @AfterAll
    void stop() {
        running.close();
    }

    @Test
    void addPermission_returnsTheStatementAsIamWritesIt() throws Exception {
        running.create("granted", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        AddPermissionResponse response = lambda.addPermission(b -> b.functionName("granted").statementId("apigw")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").sourceArn(API_ARN));

        JsonNode statement = mapper.readTree(response.statement());
        assertEquals("apigw", statement.path("Sid").asText());
        assertEquals("Allow", statement.path("Effect").asText());
        assertEquals("apigateway.amazonaws.com", statement.path("Principal").path("Service").asText());
        assertEquals("lambda:InvokeFunction", statement.path("Action").asText());
        assertEquals(ARN + "granted", statement.path("Resource").asText());
        assertEquals(API_ARN, statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText());
    }

    @Test
    void getPolicy_listsEveryStatementWithANewRevisionIdAfterEachChange() throws Exception {
        running.create("policy-doc", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.addPermission(b -> b.functionName("policy-doc").statementId("one")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com"));
        GetPolicyResponse first = lambda.getPolicy(b -> b.functionName("policy-doc"));
        lambda.addPermission(b -> b.functionName("policy-doc").statementId("two")
                .action("lambda:GetFunction").principal("111122223333").sourceAccount("111122223333"));

        GetPolicyResponse second = lambda.getPolicy(b -> b.functionName("policy-doc"));

        JsonNode policy = mapper.readTree(second.policy());
        assertEquals("2012-10-17", policy.path("Version").asText());
        assertEquals("default", policy.path("Id").asText());
        assertEquals(2, policy.path("Statement").size());
        JsonNode two = policy.path("Statement").get(1);
        assertEquals("arn:aws:iam::111122223333:root", two.path("Principal").path("AWS").asText());
        assertEquals("111122223333", two.path("Condition").path("StringEquals").path("AWS:SourceAccount").asText());
        assertNotEquals(first.revisionId(), second.revisionId());
    }

    @Test
    void getPolicy_sharesItsRevisionIdWithTheFunction_soGetFunctionsRevisionGuardsAddPermission() {
        running.create("shared-revision", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        String before = lambda.getFunction(b -> b.functionName("shared-revision")).configuration().revisionId();

        lambda.addPermission(b -> b.functionName("shared-revision").statementId("guarded")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com").revisionId(before));

        String policyRevision = lambda.getPolicy(b -> b.functionName("shared-revision")).revisionId();
        String functionRevision = lambda.getFunction(b -> b.functionName("shared-revision")).configuration()
                .revisionId();
        assertEquals(functionRevision, policyRevision);
        assertNotEquals(before, policyRevision);
    }

    @Test
    void publishVersion_afterAddPermission_returnsTheVersionAlreadyPublished() {
        running.create("same-code", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        String first = lambda.publishVersion(b -> b.functionName("same-code")).version();
        lambda.addPermission(b -> b.functionName("same-code").statementId("later")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com"));

        String second = lambda.publishVersion(b -> b.functionName("same-code")).version();

        assertEquals(first, second);
    }

    @Test
    void addPermission_withAStatementIdInUse_failsWithResourceConflict() {
        running.create("twice", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.addPermission(b -> b.functionName("twice").statementId("same").action("lambda:InvokeFunction")
                .principal("sns.amazonaws.com"));

        ResourceConflictException error = assertThrows(ResourceConflictException.class,
                () -> lambda.addPermission(b -> b.functionName("twice").statementId("same")
                        .action("lambda:InvokeFunction").principal("sqs.amazonaws.com")));

        assertEquals(409, error.statusCode());
        assertTrue(error.awsErrorDetails().errorMessage().contains("The statement id (same) provided already exists"),
                error.awsErrorDetails().errorMessage());
    }

    @Test
    void removePermission_ofTheLastStatement_leavesNoPolicy() {
        running.create("revoked", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.addPermission(b -> b.functionName("revoked").statementId("only").action("lambda:InvokeFunction")
                .principal("events.amazonaws.com"));

        lambda.removePermission(b -> b.functionName("revoked").statementId("only"));

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getPolicy(b -> b.functionName("revoked")));
        assertEquals("The resource you requested does not exist.", error.awsErrorDetails().errorMessage());
    }

    @Test
    void removePermission_ofAMissingStatement_failsWithResourceNotFound() {
        running.create("missing-sid", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.addPermission(b -> b.functionName("missing-sid").statementId("kept").action("lambda:InvokeFunction")
                .principal("events.amazonaws.com"));

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.removePermission(b -> b.functionName("missing-sid").statementId("gone")));

        assertEquals("Statement gone is not found in resource policy.", error.awsErrorDetails().errorMessage());
    }

    @Test
    void addPermission_withAQualifier_keepsAPolicyOfItsOwn() throws Exception {
        running.create("qualified", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.publishVersion(b -> b.functionName("qualified"));
        lambda.createAlias(b -> b.functionName("qualified").name("live").functionVersion("1"));
        lambda.addPermission(b -> b.functionName("qualified").qualifier("live").statementId("alias-only")
                .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com"));

        JsonNode policy = mapper.readTree(lambda.getPolicy(b -> b.functionName("qualified").qualifier("live"))
                .policy());

        assertEquals(ARN + "qualified:live", policy.path("Statement").get(0).path("Resource").asText());
        assertThrows(ResourceNotFoundException.class, () -> lambda.getPolicy(b -> b.functionName("qualified")));
    }

    @Test
    void addPermission_forAQualifierThatDoesNotExist_failsWithResourceNotFound() {
        running.create("no-alias", "fixtures.Counter::handle", FunctionZips.of(Counter.class));

        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.addPermission(b -> b.functionName("no-alias").qualifier("ghost").statementId("s")
                        .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")));

        assertEquals("Function not found: " + ARN + "no-alias:ghost", error.awsErrorDetails().errorMessage());
    }

    @Test
    void addPermission_withAStaleRevisionId_failsWithPreconditionFailed() {
        running.create("stale", "fixtures.Counter::handle", FunctionZips.of(Counter.class));
        lambda.addPermission(b -> b.functionName("stale").statementId("first").action("lambda:InvokeFunction")
                .principal("s3.amazonaws.com"));

        assertThrows(PreconditionFailedException.class, () -> lambda.addPermission(b -> b.functionName("stale")
                .statementId("second").action("lambda:InvokeFunction").principal("s3.amazonaws.com")
                .revisionId("not-the-current-one")));
    }

    @Test
    void getPolicy_ofAMissingFunction_failsWithResourceNotFound() {
        ResourceNotFoundException error = assertThrows(ResourceNotFoundException.class,
                () -> lambda.getPolicy(b -> b.functionName("nobody")));

        assertEquals("Function not found: " + ARN + "nobody", error.awsErrorDetails().errorMessage());
    }
}
