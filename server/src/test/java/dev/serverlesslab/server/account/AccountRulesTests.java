package dev.serverlesslab.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Username and password rules, one-time secrets and the sign-in throttle, without a server. */
class AccountRulesTests {

    @Test
    void passwordRules_sayWhatIsWrong() {
        assertTrue(PasswordRules.problem("short", "ada").orElseThrow().contains("too short"));
        assertTrue(PasswordRules.problem("ada-is-the-best", "ada").orElseThrow().contains("username"));
        assertTrue(PasswordRules.problem("aaaaaaaaaaaa", "ada").orElseThrow().contains("repeated"));
        assertTrue(PasswordRules.problem("Qwerty123456!", "ada").orElseThrow().contains("common"));
        assertTrue(PasswordRules.problem("1234567890", "ada").orElseThrow().contains("common"));
        assertEquals(Optional.empty(), PasswordRules.problem("correct horse battery", "ada"));
    }

    @Test
    void oneTimePasswords_passTheRules_andJoinCodesNormalize() {
        Secrets secrets = new Secrets();
        String password = secrets.oneTimePassword();
        assertEquals(Optional.empty(), PasswordRules.problem(password, "ada"), password);
        String code = secrets.joinCode();
        assertEquals(code, Secrets.normalizeJoinCode(code.toLowerCase().replace("-", " ")));
    }

    @Test
    void usernames_areNormalizedAndExplained() {
        assertEquals("ada", Usernames.normalize("  ADA "));
        assertTrue(Usernames.problem("ab").orElseThrow().contains("3 to 40"));
        assertTrue(Usernames.problem("-ada").orElseThrow().contains("start with a letter"));
        assertEquals(Optional.empty(), Usernames.problem("ada.lovelace_1"));
    }

    @Test
    void throttle_refusesAfterFiveFailures_untilTheOldestLeavesTheWindow() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.PER_USERNAME; i++) {
            assertTrue(throttle.retryAfter("ada", "10.0.0.1").isEmpty(), "attempt " + i);
            throttle.failed("ada", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        Duration wait = throttle.retryAfter("ada", "10.0.0.2").orElseThrow();
        assertEquals(LoginThrottle.WINDOW.minusMinutes(LoginThrottle.PER_USERNAME), wait,
                "per username, from any address");
        assertTrue(throttle.retryAfter("bob", "10.0.0.1").isEmpty(), "other users on that address still sign in");
        clock.advance(wait);
        assertTrue(throttle.retryAfter("ada", "10.0.0.1").isEmpty());
    }

    @Test
    void throttle_perAddress_stopsSprayingManyUsernames() {
        MutableClock clock = new MutableClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.PER_ADDRESS; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertTrue(throttle.retryAfter("someone-else", "10.0.0.9").isPresent());
        assertTrue(throttle.retryAfter("someone-else", "10.0.0.8").isEmpty());
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T09:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
