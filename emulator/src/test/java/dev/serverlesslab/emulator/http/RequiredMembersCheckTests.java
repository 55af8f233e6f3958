package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a request's members count as present, and the Coral wording for several missing at once. */
class RequiredMembersCheckTests {

    @Test
    void queryParameters_countAListOrMapFlattenedUnderTheMember_asPresent() {
        var present = RequiredMembers.inQuery(Map.of("RoleName", "r", "Tags.member.1.Key", "k"));

        assertTrue(present.test("RoleName"));
        assertTrue(present.test("Tags"));
        // A member whose name only begins like another's is not present.
        assertFalse(present.test("Tag"));
        assertFalse(present.test("PolicyArn"));
    }

    @Test
    void jsonMembers_thatAreNull_areMissing() throws Exception {
        var present = RequiredMembers.inJson(new ObjectMapper().readTree("{\"KeyId\":\"k\",\"Plaintext\":null}"));

        assertTrue(present.test("KeyId"));
        assertFalse(present.test("Plaintext"));
    }

    @Test
    void coral_namesEveryMissingMemberInLowerCamelCase_andCountsThem() {
        RequiredMembers kms = RequiredMembers.of("kms", RequiredMembers.coral("ValidationException"));

        AwsException error = assertThrows(AwsException.class, () -> kms.check("Encrypt", member -> false));

        assertEquals("ValidationException", error.code());
        assertEquals(400, error.httpStatus());
        assertEquals("2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must "
                + "not be null; Value null at 'plaintext' failed to satisfy constraint: Member must not be null",
                error.getMessage());
        kms.check("Encrypt", member -> true);
        kms.check("ListKeys", member -> false);
    }
}
