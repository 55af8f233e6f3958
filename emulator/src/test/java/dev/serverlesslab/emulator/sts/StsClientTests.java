package dev.serverlesslab.emulator.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/** The AWS SDK v2 StsClient against the emulator's HTTP endpoint. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StsClientTests {

    private EdgeServer edge;

    @BeforeAll
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new StsHandler(new StsBackend()))));
    }

    @AfterAll
    void stop() {
        edge.close();
    }

    private StsClient client(String accessKey) {
        return StsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + edge.port()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void getCallerIdentity_withTestKey_isTheDefaultAccountRoot() {
        try (StsClient sts = client("test")) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertEquals("000000000000", identity.account());
            assertEquals("arn:aws:iam::000000000000:root", identity.arn());
            assertEquals("000000000000", identity.userId());
        }
    }

    @Test
    void getCallerIdentity_withTwelveDigitKey_isThatAccount() {
        try (StsClient sts = client("111122223333")) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();

            assertEquals("111122223333", identity.account());
            assertEquals("arn:aws:iam::111122223333:root", identity.arn());
        }
    }

    @Test
    void getSessionToken_returnsTemporaryCredentialsForTheDuration_andRefusesMfaAndBadDurations() {
        try (StsClient sts = client("test")) {
            Instant before = Instant.now();
            var defaults = sts.getSessionToken().credentials();
            var hour = sts.getSessionToken(r -> r.durationSeconds(3600)).credentials();

            assertTrue(defaults.accessKeyId().startsWith("ASIA"), defaults.accessKeyId());
            assertFalse(defaults.secretAccessKey().isEmpty());
            assertFalse(defaults.sessionToken().isEmpty());
            assertTrue(!defaults.expiration().isBefore(before.plusSeconds(43200 - 5)), defaults.expiration()
                    .toString());
            assertTrue(hour.expiration().isBefore(before.plusSeconds(3600 + 60)), hour.expiration().toString());
            var tooLong = assertThrows(software.amazon.awssdk.services.sts.model.StsException.class,
                    () -> sts.getSessionToken(r -> r.durationSeconds(200000)));
            assertEquals("ValidationError", tooLong.awsErrorDetails().errorCode());
            assertThrows(software.amazon.awssdk.services.sts.model.StsException.class,
                    () -> sts.getSessionToken(r -> r.serialNumber("arn:aws:iam::000000000000:mfa/me")
                            .tokenCode("123456")));
        }
    }

    @Test
    void assumeRole_returnsCredentialsExpiringAfterTheDuration() {
        try (StsClient sts = client("test")) {
            Instant before = Instant.now();
            AssumeRoleResponse response = sts.assumeRole(r -> r.roleArn("arn:aws:iam::000000000000:role/app/reader")
                    .roleSessionName("grader").durationSeconds(900));

            assertTrue(response.credentials().accessKeyId().startsWith("ASIA"));
            assertTrue(!response.credentials().secretAccessKey().isEmpty());
            assertTrue(!response.credentials().sessionToken().isEmpty());
            Instant expiration = response.credentials().expiration();
            assertTrue(!expiration.isBefore(before.plus(Duration.ofSeconds(899)))
                    && !expiration.isAfter(Instant.now().plus(Duration.ofSeconds(901))), expiration.toString());
            assertEquals("arn:aws:sts::000000000000:assumed-role/reader/grader",
                    response.assumedRoleUser().arn());
            assertTrue(response.assumedRoleUser().assumedRoleId().endsWith(":grader"));
        }
    }

    @Test
    void assumeRole_withMalformedArn_failsWithValidationError() {
        try (StsClient sts = client("test")) {
            StsException error = assertThrows(StsException.class,
                    () -> sts.assumeRole(r -> r.roleArn("reader").roleSessionName("grader")));

            assertEquals("ValidationError", error.awsErrorDetails().errorCode());
            assertEquals(400, error.statusCode());
            assertTrue(error.getMessage().contains("reader"), error.getMessage());
        }
    }

    @Test
    void assumeRole_withTooShortDuration_failsWithValidationError() {
        try (StsClient sts = client("test")) {
            StsException error = assertThrows(StsException.class, () -> sts.assumeRole(r -> r
                    .roleArn("arn:aws:iam::000000000000:role/reader").roleSessionName("s1").durationSeconds(60)));

            assertEquals("ValidationError", error.awsErrorDetails().errorCode());
        }
    }

    @Test
    void unimplementedOperation_failsWithInvalidActionNamingIt() {
        try (StsClient sts = client("test")) {
            StsException error = assertThrows(StsException.class,
                    () -> sts.getAccessKeyInfo(r -> r.accessKeyId("AKIAIOSFODNN7EXAMPLE")));

            assertEquals("InvalidAction", error.awsErrorDetails().errorCode());
            assertTrue(error.getMessage().contains("GetAccessKeyInfo"), error.getMessage());
        }
    }
}
