package dev.serverlesslab.emulator.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IAM rules without HTTP: names, paths, policy documents, conflicts and case-insensitive role names. */
class IamBackendTests {

    private static final String ACCOUNT = "000000000000";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private final IamBackend backend = new IamBackend(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void createRole_withoutPath_usesRootPathAndTheClock() {
        IamRole role = backend.createRole(ACCOUNT, "fn", null, TRUST, null);

        assertEquals("/", role.path());
        assertEquals("arn:aws:iam::000000000000:role/fn", role.arn());
        assertEquals(NOW, role.createDate());
        assertEquals(21, role.roleId().length());
    }

    @Test
    void createRole_withNameDifferingOnlyInCase_isAlreadyExists() {
        backend.createRole(ACCOUNT, "Orders", null, TRUST, null);

        AwsException error = assertThrows(AwsException.class,
                () -> backend.createRole(ACCOUNT, "orders", null, TRUST, null));

        assertEquals("EntityAlreadyExists", error.code());
        assertEquals(409, error.httpStatus());
    }

    @Test
    void createRole_withPathNotEndingInSlash_isValidationError() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.createRole(ACCOUNT, "fn", "/app", TRUST, null));

        assertEquals("ValidationError", error.code());
        assertTrue(error.getMessage().contains("/app"), error.getMessage());
    }

    @Test
    void createRole_withPolicyMissingStatement_isMalformedPolicyDocument() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.createRole(ACCOUNT, "fn", null, "{\"Version\":\"2012-10-17\"}", null));

        assertEquals("MalformedPolicyDocument", error.code());
    }

    @Test
    void createRole_withInvalidJson_reportsWhereTheJsonBreaks() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.createRole(ACCOUNT, "fn", null, "{\"Statement\": [", null));

        assertEquals("MalformedPolicyDocument", error.code());
        assertTrue(error.getMessage().contains("line 1"), error.getMessage());
    }

    @Test
    void createRole_withoutTrustPolicy_isValidationError() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.createRole(ACCOUNT, "fn", null, null, null));

        assertEquals("ValidationError", error.code());
    }

    @Test
    void deleteRole_withInlinePolicy_isDeleteConflict() {
        backend.createRole(ACCOUNT, "fn", null, TRUST, null);
        backend.putRolePolicy(ACCOUNT, "fn", "logs", TRUST);

        AwsException error = assertThrows(AwsException.class, () -> backend.deleteRole(ACCOUNT, "fn"));

        assertEquals("DeleteConflict", error.code());
    }

    @Test
    void putRolePolicy_again_replacesTheDocument() {
        backend.createRole(ACCOUNT, "fn", null, TRUST, null);
        String replacement = "{\"Statement\":[{\"Effect\":\"Deny\"}]}";
        backend.putRolePolicy(ACCOUNT, "fn", "logs", TRUST);

        backend.putRolePolicy(ACCOUNT, "fn", "logs", replacement);

        assertEquals(replacement, backend.getRolePolicy(ACCOUNT, "fn", "logs"));
        assertEquals(List.of("logs"), backend.listRolePolicies(ACCOUNT, "fn"));
    }

    @Test
    void attachRolePolicy_withNonPolicyArn_isValidationError() {
        backend.createRole(ACCOUNT, "fn", null, TRUST, null);

        AwsException error = assertThrows(AwsException.class,
                () -> backend.attachRolePolicy(ACCOUNT, "fn", "AWSLambdaBasicExecutionRole"));

        assertEquals("ValidationError", error.code());
    }

    @Test
    void attachRolePolicy_twice_attachesItOnce() {
        backend.createRole(ACCOUNT, "fn", null, TRUST, null);
        String arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";

        backend.attachRolePolicy(ACCOUNT, "fn", arn);
        backend.attachRolePolicy(ACCOUNT, "fn", arn);

        assertEquals(List.of(new AttachedPolicy("AmazonS3ReadOnlyAccess", arn)),
                backend.listAttachedRolePolicies(ACCOUNT, "fn"));
    }

    @Test
    void policyOperations_onUnknownRole_areNoSuchEntity() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.putRolePolicy(ACCOUNT, "ghost", "p", TRUST));

        assertEquals("NoSuchEntity", error.code());
        assertEquals(404, error.httpStatus());
    }
}
