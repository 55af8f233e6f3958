package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a request's members count as present, and the Coral wording for several missing at once. */
class RequiredMembersCheckTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void queryParameters_spellListsOfStructures_asTheirElements() throws Exception {
        var tree = RequiredMembers.inQuery(Map.of("RoleName", "r", "Tags.member.2.Key", "k2",
                "Tags.member.1.Key", "k1", "Tags.member.1.Value", "v1", "Attributes.entry.1.key", "a"));

        assertEquals(JSON.readTree("{\"RoleName\":\"r\",\"Tags\":[{\"Key\":\"k1\",\"Value\":\"v1\"},{\"Key\":\"k2\"}],"
                + "\"Attributes\":{\"a\":null}}"), tree);
    }

    @Test
    void queryParameters_spellMapsOfStructures_asObjectsByKey() throws Exception {
        var tree = RequiredMembers.inQuery(Map.of("MessageAttributes.entry.2.Name", "size",
                "MessageAttributes.entry.2.Value.DataType", "Number", "MessageAttributes.entry.2.Value.StringValue", "3",
                "MessageAttributes.entry.1.Name", "color", "MessageAttributes.entry.1.Value.StringValue", "red"));

        assertEquals(JSON.readTree("{\"MessageAttributes\":{\"color\":{\"StringValue\":\"red\"},"
                + "\"size\":{\"DataType\":\"Number\",\"StringValue\":\"3\"}}}"), tree);
    }

    @Test
    void coral_namesAMemberMissingInAMapsValue_byItsKey() throws Exception {
        RequiredMembers sns = RequiredMembers.of("sns", RequiredMembers.coral("ValidationError"));

        AwsException error = assertThrows(AwsException.class, () -> sns.check("Publish", RequiredMembers.inQuery(
                Map.of("Message", "hi", "MessageAttributes.entry.1.Name", "color",
                        "MessageAttributes.entry.1.Value.StringValue", "red",
                        "MessageAttributes.entry.2.Name", "size", "MessageAttributes.entry.2.Value.DataType", "Number",
                        "MessageAttributes.entry.2.Value.StringValue", "3"))));

        assertEquals("ValidationError", error.code());
        assertEquals("1 validation error detected: Value null at 'messageAttributes.color.member.dataType' failed to "
                + "satisfy constraint: Member must not be null", error.getMessage());
        sns.check("Publish", JSON.readTree("{\"Message\":\"hi\",\"MessageAttributes\":{\"size\":{\"DataType\":"
                + "\"Number\",\"StringValue\":\"3\"}}}"));
    }

    @Test
    void coral_namesEveryMissingMemberInLowerCamelCase_andCountsThem() throws Exception {
        RequiredMembers kms = RequiredMembers.of("kms", RequiredMembers.coral("ValidationException"));

        AwsException error = assertThrows(AwsException.class,
                () -> kms.check("Encrypt", JSON.readTree("{\"Plaintext\":null}")));

        assertEquals("ValidationException", error.code());
        assertEquals(400, error.httpStatus());
        assertEquals("2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must "
                + "not be null; Value null at 'plaintext' failed to satisfy constraint: Member must not be null",
                error.getMessage());
        kms.check("Encrypt", JSON.readTree("{\"KeyId\":\"k\",\"Plaintext\":\"cA==\"}"));
        kms.check("ListKeys", JSON.readTree("{}"));
    }

    @Test
    void coral_namesAMemberMissingInAListsElement_byItsIndexFromOne() throws Exception {
        RequiredMembers kms = RequiredMembers.of("kms", RequiredMembers.coral("ValidationException"));

        AwsException error = assertThrows(AwsException.class, () -> kms.check("TagResource", JSON.readTree(
                "{\"KeyId\":\"k\",\"Tags\":[{\"TagKey\":\"a\",\"TagValue\":\"1\"},{\"TagKey\":\"b\"}]}")));

        assertEquals("1 validation error detected: Value null at 'tags.2.member.tagValue' failed to satisfy "
                + "constraint: Member must not be null", error.getMessage());
    }
}
