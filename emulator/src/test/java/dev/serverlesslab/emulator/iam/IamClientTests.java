package dev.serverlesslab.emulator.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import software.amazon.awssdk.services.iam.model.GetRolePolicyResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/** The AWS SDK v2 IamClient against the emulator's HTTP endpoint: XML shapes, dates and error codes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamClientTests {

    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    private static final String BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole";

    private EdgeServer edge;
    private IamClient iam;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new IamHandler(new IamBackend()))));
        iam = client("test");
    }

    @AfterAll
    void stop() {
        iam.close();
        edge.close();
    }

    private IamClient client(String accessKey) {
        return IamClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void createRole_thenGetRole_returnsTheRoleWithItsUrlEncodedTrustPolicy() {
        Role created = iam.createRole(r -> r.roleName("orders-fn").path("/service-role/")
                .assumeRolePolicyDocument(TRUST).description("runs orders")).role();

        Role fetched = iam.getRole(r -> r.roleName("orders-fn")).role();

        assertEquals("arn:aws:iam::000000000000:role/service-role/orders-fn", fetched.arn());
        assertEquals("/service-role/", fetched.path());
        assertEquals("runs orders", fetched.description());
        assertEquals(created.roleId(), fetched.roleId());
        assertTrue(fetched.roleId().startsWith("AROA"), fetched.roleId());
        assertEquals(created.createDate(), fetched.createDate());
        assertNotNull(fetched.createDate());
        assertEquals(3600, fetched.maxSessionDuration());
        assertEquals(TRUST, URLDecoder.decode(fetched.assumeRolePolicyDocument(), StandardCharsets.UTF_8));
        assertTrue(fetched.assumeRolePolicyDocument().startsWith("%7B%22Version%22"),
                fetched.assumeRolePolicyDocument());
    }

    @Test
    void createRole_twice_failsWithEntityAlreadyExists() {
        iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(TRUST));

        EntityAlreadyExistsException error = assertThrows(EntityAlreadyExistsException.class,
                () -> iam.createRole(r -> r.roleName("twice").assumeRolePolicyDocument(TRUST)));

        assertEquals(409, error.statusCode());
        assertTrue(error.getMessage().contains("twice"), error.getMessage());
    }

    @Test
    void createRole_withBrokenTrustPolicy_failsWithMalformedPolicyDocument() {
        assertThrows(MalformedPolicyDocumentException.class,
                () -> iam.createRole(r -> r.roleName("broken").assumeRolePolicyDocument("{\"Version\":")));
    }

    @Test
    void createRole_withInvalidName_failsWithValidationError() {
        IamException error = assertThrows(IamException.class,
                () -> iam.createRole(r -> r.roleName("no spaces").assumeRolePolicyDocument(TRUST)));

        assertEquals("ValidationError", error.awsErrorDetails().errorCode());
        assertEquals(400, error.statusCode());
    }

    @Test
    void getRole_ofUnknownRole_failsWithNoSuchEntity() {
        NoSuchEntityException error = assertThrows(NoSuchEntityException.class,
                () -> iam.getRole(r -> r.roleName("missing")));

        assertEquals(404, error.statusCode());
        assertTrue(error.getMessage().contains("missing"), error.getMessage());
    }

    @Test
    void listRoles_withPathPrefix_returnsOnlyRolesUnderIt() {
        iam.createRole(r -> r.roleName("listed-a").path("/listing/").assumeRolePolicyDocument(TRUST));
        iam.createRole(r -> r.roleName("listed-b").path("/listing/").assumeRolePolicyDocument(TRUST));

        List<Role> roles = iam.listRoles(r -> r.pathPrefix("/listing/")).roles();

        assertEquals(List.of("listed-a", "listed-b"), roles.stream().map(Role::roleName).toList());
    }

    @Test
    void attachRolePolicy_thenList_thenDetach_leavesNoneAttached() {
        iam.createRole(r -> r.roleName("attached").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("attached").policyArn(BASIC));

        List<AttachedPolicy> attached = iam.listAttachedRolePolicies(r -> r.roleName("attached"))
                .attachedPolicies();
        iam.detachRolePolicy(r -> r.roleName("attached").policyArn(BASIC));

        assertEquals(1, attached.size());
        assertEquals("AWSLambdaBasicExecutionRole", attached.get(0).policyName());
        assertEquals(BASIC, attached.get(0).policyArn());
        assertTrue(iam.listAttachedRolePolicies(r -> r.roleName("attached")).attachedPolicies().isEmpty());
    }

    @Test
    void detachRolePolicy_notAttached_failsWithNoSuchEntity() {
        iam.createRole(r -> r.roleName("nothing-attached").assumeRolePolicyDocument(TRUST));

        assertThrows(NoSuchEntityException.class,
                () -> iam.detachRolePolicy(r -> r.roleName("nothing-attached").policyArn(BASIC)));
    }

    @Test
    void putRolePolicy_thenGetRolePolicy_returnsTheUrlEncodedDocument() {
        iam.createRole(r -> r.roleName("inline").assumeRolePolicyDocument(TRUST));
        String document = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::my bucket/*\"}]}";
        iam.putRolePolicy(r -> r.roleName("inline").policyName("read").policyDocument(document));

        GetRolePolicyResponse policy = iam.getRolePolicy(r -> r.roleName("inline").policyName("read"));

        assertEquals("inline", policy.roleName());
        assertEquals("read", policy.policyName());
        assertTrue(policy.policyDocument().contains("my%20bucket"), policy.policyDocument());
        assertEquals(document, URLDecoder.decode(policy.policyDocument(), StandardCharsets.UTF_8));
        assertEquals(List.of("read"), iam.listRolePolicies(r -> r.roleName("inline")).policyNames());
    }

    @Test
    void deleteRolePolicy_removesIt_soGetFailsWithNoSuchEntity() {
        iam.createRole(r -> r.roleName("inline-gone").assumeRolePolicyDocument(TRUST));
        iam.putRolePolicy(r -> r.roleName("inline-gone").policyName("p").policyDocument(TRUST));

        iam.deleteRolePolicy(r -> r.roleName("inline-gone").policyName("p"));

        assertTrue(iam.listRolePolicies(r -> r.roleName("inline-gone")).policyNames().isEmpty());
        assertThrows(NoSuchEntityException.class,
                () -> iam.getRolePolicy(r -> r.roleName("inline-gone").policyName("p")));
    }

    @Test
    void deleteRole_withAttachedPolicy_failsWithDeleteConflict_andSucceedsOnceDetached() {
        iam.createRole(r -> r.roleName("conflicted").assumeRolePolicyDocument(TRUST));
        iam.attachRolePolicy(r -> r.roleName("conflicted").policyArn(BASIC));

        assertThrows(DeleteConflictException.class, () -> iam.deleteRole(r -> r.roleName("conflicted")));
        iam.detachRolePolicy(r -> r.roleName("conflicted").policyArn(BASIC));
        iam.deleteRole(r -> r.roleName("conflicted"));

        assertThrows(NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("conflicted")));
    }

    @Test
    void roles_ofAnotherAccount_areNotVisible() {
        iam.createRole(r -> r.roleName("mine-only").assumeRolePolicyDocument(TRUST));

        try (IamClient other = client("111122223333")) {
            assertThrows(NoSuchEntityException.class, () -> other.getRole(r -> r.roleName("mine-only")));
            Role theirs = other.createRole(r -> r.roleName("mine-only").assumeRolePolicyDocument(TRUST)).role();
            assertEquals("arn:aws:iam::111122223333:role/mine-only", theirs.arn());
        }
    }

    @Test
    void unimplementedOperation_failsWithInvalidActionNamingIt() {
        IamException error = assertThrows(IamException.class, () -> iam.listUsers());

        assertEquals("InvalidAction", error.awsErrorDetails().errorCode());
        assertTrue(error.getMessage().contains("ListUsers"), error.getMessage());
    }
}
