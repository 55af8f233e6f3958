package dev.serverlesslab.emulator.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.DeleteConflictException;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Policy;
import software.amazon.awssdk.services.iam.model.PolicyScopeType;
import software.amazon.awssdk.services.iam.model.PolicyVersion;

/** Customer managed policies through the SDK: create, read, attach to a role, list by scope, delete. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamPoliciesClientTests {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String READ_ORDERS = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"dynamodb:GetItem\",\"Resource\":\"arn:aws:dynamodb:us-east-1:000000000000:table/orders\"}]}";
    private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private EdgeServer edge;
    private IamClient iam;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new IamHandler(new IamBackend()))));
        iam = IamClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stop() {
        iam.close();
        edge.close();
    }

    @Test
    void customerPolicy_isCreatedReadAttachedListedAndDeleted() {
        Policy created = iam.createPolicy(r -> r.policyName("read-orders").path("/app/")
                .policyDocument(READ_ORDERS).description("reads orders")).policy();
        assertEquals("arn:aws:iam::000000000000:policy/app/read-orders", created.arn());
        assertTrue(created.policyId().startsWith("ANPA"), created.policyId());
        assertEquals("v1", created.defaultVersionId());
        assertEquals(0, created.attachmentCount());

        Policy fetched = iam.getPolicy(r -> r.policyArn(created.arn())).policy();
        assertEquals("reads orders", fetched.description());
        assertEquals(created.createDate(), fetched.createDate());
        PolicyVersion version = iam.getPolicyVersion(r -> r.policyArn(created.arn()).versionId("v1")).policyVersion();
        assertTrue(version.isDefaultVersion());
        assertEquals(READ_ORDERS, URLDecoder.decode(version.document(), StandardCharsets.UTF_8));

        iam.createRole(r -> r.roleName("orders-reader").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("orders-reader").policyArn(created.arn()));
        iam.attachRolePolicy(r -> r.roleName("orders-reader").policyArn(BASIC));
        List<AttachedPolicy> attached = iam.listAttachedRolePolicies(r -> r.roleName("orders-reader"))
                .attachedPolicies();
        assertEquals(List.of("read-orders", "AWSLambdaBasicExecutionRole"),
                attached.stream().map(AttachedPolicy::policyName).toList());
        assertEquals(1, iam.getPolicy(r -> r.policyArn(created.arn())).policy().attachmentCount());

        assertEquals(List.of(created.arn()), arns(PolicyScopeType.LOCAL));
        assertEquals(List.of(BASIC), arns(PolicyScopeType.AWS));
        assertEquals(List.of(BASIC, created.arn()), arns(PolicyScopeType.ALL));

        assertThrows(DeleteConflictException.class, () -> iam.deletePolicy(r -> r.policyArn(created.arn())));
        iam.detachRolePolicy(r -> r.roleName("orders-reader").policyArn(created.arn()));
        iam.deletePolicy(r -> r.policyArn(created.arn()));
        assertThrows(NoSuchEntityException.class, () -> iam.getPolicy(r -> r.policyArn(created.arn())));
    }

    @Test
    void attachingAMissingCustomerPolicy_failsWithNoSuchEntity_andNamesAreUnique() {
        iam.createRole(r -> r.roleName("no-policy").assumeRolePolicyDocument(TRUST));
        NoSuchEntityException missing = assertThrows(NoSuchEntityException.class, () -> iam.attachRolePolicy(r -> r
                .roleName("no-policy").policyArn("arn:aws:iam::000000000000:policy/ghost")));
        assertTrue(missing.getMessage().contains("does not exist or is not attachable"), missing.getMessage());
        assertThrows(NoSuchEntityException.class, () -> iam.attachRolePolicy(r -> r.roleName("no-policy")
                .policyArn("arn:aws:iam::111122223333:policy/theirs")));

        iam.createPolicy(r -> r.policyName("once").policyDocument(READ_ORDERS));
        assertThrows(EntityAlreadyExistsException.class, () -> iam.createPolicy(r -> r.policyName("once")
                .policyDocument(READ_ORDERS)));
        assertThrows(NoSuchEntityException.class, () -> iam.getPolicyVersion(r -> r
                .policyArn("arn:aws:iam::000000000000:policy/once").versionId("v2")));
    }

    private List<String> arns(PolicyScopeType scope) {
        return iam.listPolicies(r -> r.scope(scope)).policies().stream().map(Policy::arn)
                .filter(arn -> !arn.endsWith(":policy/once")).toList();
    }
}
