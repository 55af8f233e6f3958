package dev.serverlesslab.emulator.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets.MessageAttribute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter policies as the SNS developer guide's examples specify them: a table of policy, message and whether SNS
 * delivers it, for attribute and body scope; and the policies SNS refuses, with the reason it gives.
 */
class FilterPolicyTests {

    /** Attributes {@code store=example_corp, price_usd=210.75 (Number), event=order_placed, tags=["a","b"]}. */
    private static final Map<String, MessageAttribute> ATTRIBUTES = attributes();

    static Stream<Arguments> attributePolicies() {
        return Stream.of(
                Arguments.of("{\"store\":[\"example_corp\"]}", true),
                Arguments.of("{\"store\":[\"other\",\"example_corp\"]}", true),
                Arguments.of("{\"store\":[\"other\"]}", false),
                Arguments.of("{\"price_usd\":[210.75]}", true),
                Arguments.of("{\"price_usd\":[\"210.75\"]}", false),
                Arguments.of("{\"store\":[{\"prefix\":\"example\"}]}", true),
                Arguments.of("{\"store\":[{\"suffix\":\"_corp\"}]}", true),
                Arguments.of("{\"store\":[{\"suffix\":\"_inc\"}]}", false),
                Arguments.of("{\"store\":[{\"equals-ignore-case\":\"EXAMPLE_Corp\"}]}", true),
                Arguments.of("{\"store\":[{\"anything-but\":[\"other\",\"more\"]}]}", true),
                Arguments.of("{\"store\":[{\"anything-but\":\"example_corp\"}]}", false),
                Arguments.of("{\"store\":[{\"anything-but\":{\"prefix\":\"example\"}}]}", false),
                Arguments.of("{\"store\":[{\"anything-but\":{\"suffix\":\"_inc\"}}]}", true),
                Arguments.of("{\"missing\":[{\"anything-but\":\"x\"}]}", false),
                Arguments.of("{\"price_usd\":[{\"numeric\":[\">\",100,\"<=\",300]}]}", true),
                Arguments.of("{\"price_usd\":[{\"numeric\":[\"<\",100]}]}", false),
                Arguments.of("{\"price_usd\":[{\"numeric\":[\"=\",210.75]}]}", true),
                Arguments.of("{\"store\":[{\"numeric\":[\">\",0]}]}", false),
                Arguments.of("{\"store\":[{\"exists\":true}]}", true),
                Arguments.of("{\"missing\":[{\"exists\":false}]}", true),
                Arguments.of("{\"store\":[{\"exists\":false}]}", false),
                Arguments.of("{\"tags\":[\"b\"]}", true),
                Arguments.of("{\"tags\":[\"c\"]}", false),
                Arguments.of("{\"store\":[\"example_corp\"],\"event\":[\"order_cancelled\"]}", false),
                Arguments.of("{\"store\":[\"nope\"],\"$or\":[{\"event\":[\"order_placed\"]},{\"x\":[\"y\"]}]}", false),
                Arguments.of("{\"$or\":[{\"store\":[\"nope\"]},{\"event\":[\"order_placed\"]}]}", true),
                Arguments.of("{\"blob\":[{\"exists\":true}]}", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("attributePolicies")
    void attributeScope(String policy, boolean delivered) {
        assertEquals(delivered, FilterPolicy.parse(policy, FilterPolicy.Scope.MessageAttributes)
                .matches(ATTRIBUTES, "not json"));
    }

    static Stream<Arguments> bodyPolicies() {
        String body = "{\"order\":{\"region\":\"eu-west-1\",\"total\":42,\"items\":[{\"sku\":\"a-1\"},"
                + "{\"sku\":\"b-2\"}]},\"customer\":null,\"paid\":true,\"labels\":[\"gift\",\"fragile\"]}";
        return Stream.of(
                Arguments.of("{\"order\":{\"region\":[\"eu-west-1\"]}}", body, true),
                Arguments.of("{\"order\":{\"region\":[{\"prefix\":\"us-\"}]}}", body, false),
                Arguments.of("{\"order\":{\"total\":[{\"numeric\":[\">=\",40]}]}}", body, true),
                Arguments.of("{\"order\":{\"items\":{\"sku\":[\"b-2\"]}}}", body, true),
                Arguments.of("{\"order\":{\"items\":{\"sku\":[\"c-3\"]}}}", body, false),
                Arguments.of("{\"customer\":[null]}", body, true),
                Arguments.of("{\"paid\":[true]}", body, true),
                Arguments.of("{\"labels\":[\"fragile\"]}", body, true),
                Arguments.of("{\"order\":{\"coupon\":[{\"exists\":false}]}}", body, true),
                Arguments.of("{\"order\":{\"region\":[\"eu-west-1\"]}}", "plain text", false),
                Arguments.of("{\"$or\":[{\"paid\":[false]},{\"order\":{\"total\":[42]}}]}", body, true));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("bodyPolicies")
    void bodyScope(String policy, String body, boolean delivered) {
        assertEquals(delivered, FilterPolicy.parse(policy, FilterPolicy.Scope.MessageBody).matches(Map.of(), body));
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                Arguments.of("not json", "parse"),
                Arguments.of("[\"a\"]", "JSON object"),
                Arguments.of("{\"a\":\"b\"}", "must be an object or an array"),
                Arguments.of("{\"a\":[]}", "Empty arrays"),
                Arguments.of("{\"a\":{\"b\":[\"c\"]}}", "does not support nested"),
                Arguments.of("{\"a\":[{\"wildcard\":\"x*\"}]}", "Unrecognized match type wildcard"),
                Arguments.of("{\"a\":[{\"exists\":\"yes\"}]}", "exists"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",\"ten\"]}]}", "number"),
                Arguments.of("{\"a\":[{\"numeric\":[\"<\",5,\">\",1]}]}", "lower bound"),
                Arguments.of("{\"a\":[{\"numeric\":[\">\",10,\"<\",5]}]}", "Bottom must be less than top"),
                Arguments.of("{\"a\":[5000000000]}", "within"),
                Arguments.of("{\"a\":[\"1\"],\"b\":[\"1\"],\"c\":[\"1\"],\"d\":[\"1\"],\"e\":[\"1\"],\"f\":[\"1\"]}",
                        "more than 5 keys"),
                Arguments.of("{\"a\":[1,2,3,4,5,6,7,8,9,10],\"b\":[1,2,3,4,5,6,7,8,9,10],\"c\":[1,2]}",
                        "too complex"),
                Arguments.of("{\"$or\":[{\"a\":[\"1\"]}]}", "$or"));
    }

    @ParameterizedTest(name = "{0} refused: {1}")
    @MethodSource("invalidPolicies")
    void invalidPolicy_isRefusedWithInvalidParameterAndItsReason(String policy, String reason) {
        AwsException error = assertThrows(AwsException.class, () -> FilterPolicy.parse(policy,
                FilterPolicy.Scope.MessageAttributes));
        assertEquals("InvalidParameter", error.code());
        assertTrue(error.getMessage().startsWith("Invalid parameter: FilterPolicy: "), error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    private static Map<String, MessageAttribute> attributes() {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        attributes.put("store", MessageAttribute.string("example_corp"));
        attributes.put("price_usd", new MessageAttribute("Number", "210.75", null));
        attributes.put("event", MessageAttribute.string("order_placed"));
        attributes.put("tags", new MessageAttribute("String.Array", "[\"a\",\"b\"]", null));
        attributes.put("blob", new MessageAttribute("Binary", null, new byte[] {1}));
        return attributes;
    }
}
