package dev.serverlesslab.graders.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

/** CreateFunction's answer for a role IAM has not propagated yet is retried; nothing else is. */
class NewRoleRetryTests {

    private final List<Long> sleeps = new ArrayList<>();

    private static InvalidParameterValueException refusal(String message) {
        return InvalidParameterValueException.builder().message(message).build();
    }

    /** Refuses {@code times} times with {@code message}, then answers "created". */
    private static Supplier<String> refusing(int times, String message) {
        int[] calls = {0};
        return () -> {
            if (calls[0]++ < times) {
                throw refusal(message);
            }
            return "created";
        };
    }

    @Test
    void roleNotYetAssumable_isRetried_withGrowingWaits_untilCreated() {
        String result = NewRoleRetry.call(refusing(3, "The role defined for the function cannot be assumed by Lambda."),
                Duration.ofSeconds(30), sleeps::add);

        assertEquals("created", result);
        assertEquals(List.of(1000L, 2000L, 4000L), sleeps);
    }

    @Test
    void roleNotYetAssumable_pastThePatience_isThrown() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class, () -> NewRoleRetry.call(
                refusing(100, "The role defined for the function cannot be assumed by Lambda."),
                Duration.ofSeconds(10), sleeps::add));

        assertEquals(List.of(1000L, 2000L, 4000L), sleeps, "a fourth wait (5 s) would pass 10 s");
        assertEquals(true, e.getMessage().contains("cannot be assumed"));
    }

    @Test
    void otherInvalidParameters_areThrownAtOnce() {
        InvalidParameterValueException refused = refusal("Runtime java8 is not supported");

        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                () -> NewRoleRetry.call(() -> {
                    throw refused;
                }, Duration.ofSeconds(30), sleeps::add));

        assertSame(refused, e);
        assertEquals(List.of(), sleeps);
    }

    @Test
    void withoutPatience_theRefusalIsThrownAtOnce() {
        assertThrows(InvalidParameterValueException.class, () -> NewRoleRetry.call(
                refusing(1, "The role defined for the function cannot be assumed by Lambda."), Duration.ZERO,
                sleeps::add));

        assertEquals(List.of(), sleeps);
    }
}
