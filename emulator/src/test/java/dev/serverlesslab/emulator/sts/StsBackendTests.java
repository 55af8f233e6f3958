package dev.serverlesslab.emulator.sts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlesslab.emulator.core.AwsException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** STS rules without HTTP: identities, durations and what a role ARN and session name must look like. */
class StsBackendTests {

    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
    private final StsBackend backend = new StsBackend(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void assumeRole_withoutDuration_expiresInOneHour() {
        AssumedRole role = backend.assumeRole("arn:aws:iam::123456789012:role/reader", "s1", null);

        assertEquals(NOW.plusSeconds(3600), role.expiration());
        assertEquals("arn:aws:sts::123456789012:assumed-role/reader/s1", role.assumedRoleArn());
    }

    @Test
    void assumeRole_twice_handsOutDifferentKeys() {
        AssumedRole first = backend.assumeRole("arn:aws:iam::123456789012:role/reader", "s1", null);
        AssumedRole second = backend.assumeRole("arn:aws:iam::123456789012:role/reader", "s1", null);

        assertNotEquals(first.accessKeyId(), second.accessKeyId());
    }

    @Test
    void assumeRole_withOneCharacterSessionName_isRejected() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.assumeRole("arn:aws:iam::123456789012:role/reader", "x", null));

        assertEquals("ValidationError", error.code());
    }

    @Test
    void assumeRole_withDurationOverTwelveHours_isRejected() {
        AwsException error = assertThrows(AwsException.class,
                () -> backend.assumeRole("arn:aws:iam::123456789012:role/reader", "s1", 43201));

        assertEquals("ValidationError", error.code());
    }

    @Test
    void callerIdentity_isTheAccountRoot() {
        CallerIdentity identity = backend.callerIdentity("123456789012");

        assertEquals("arn:aws:iam::123456789012:root", identity.arn());
        assertEquals("123456789012", identity.account());
    }
}
