package dev.serverlesslab.emulator.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The matcher against the examples of AWS's "Amazon EventBridge event patterns" and "content filtering" pages: one
 * row per pattern, event and expected outcome.
 */
class EventPatternTests {

    private static final String EVENT = """
            {"version":"0","id":"6a7e8feb","detail-type":"EC2 Instance State-change Notification",
             "source":"aws.ec2","account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1",
             "resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
             "detail":{"instance-id":"i-1234567890abcdef0","state":"terminated","c-count":5,"d-count":3.5,
               "x-limit":301.8,"source-ip":"10.0.0.123","ipv6":"2001:db8::1","empty":"","nothing":null,
               "flag":false,"Type":"Pending",
               "tags":["blue","green"],"items":[{"sku":"a-1","qty":1},{"sku":"b-2","qty":7}],
               "location":{"city":"Seattle","zip":98101},"filename":"report.png","eventName":"DeleteBucket"}}
            """;

    static Stream<Arguments> rows() {
        return Stream.of(
                row("{\"source\":[\"aws.ec2\"]}", true),
                row("{\"source\":[\"aws.s3\"]}", false),
                row("{\"source\":[\"aws.s3\",\"aws.ec2\"]}", true),
                row("{\"detail\":{\"state\":[\"terminated\"]},\"source\":[\"aws.ec2\"]}", true),
                row("{\"detail\":{\"state\":[\"running\"]},\"source\":[\"aws.ec2\"]}", false),
                row("{\"detail\":{\"location\":{\"city\":[\"Seattle\"]}}}", true),
                row("{\"detail\":{\"location\":{\"zip\":[98101]}}}", true),
                row("{\"detail\":{\"location\":{\"zip\":[\"98101\"]}}}", false),
                row("{\"detail\":{\"c-count\":[5.0]}}", true),
                row("{\"detail\":{\"nothing\":[null]}}", true),
                row("{\"detail\":{\"empty\":[\"\"]}}", true),
                row("{\"detail\":{\"flag\":[false]}}", true),
                row("{\"detail\":{\"flag\":[\"false\"]}}", false),
                // Arrays in the event match when any element does.
                row("{\"detail\":{\"tags\":[\"green\",\"red\"]}}", true),
                row("{\"detail\":{\"tags\":[\"red\"]}}", false),
                row("{\"detail\":{\"items\":{\"sku\":[\"b-2\"]}}}", true),
                row("{\"resources\":[\"arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0\"]}", true),
                // prefix and suffix, and their equals-ignore-case variants
                row("{\"detail\":{\"state\":[{\"prefix\":\"term\"}]}}", true),
                row("{\"detail\":{\"state\":[{\"prefix\":\"TERM\"}]}}", false),
                row("{\"detail\":{\"state\":[{\"prefix\":{\"equals-ignore-case\":\"TERM\"}}]}}", true),
                row("{\"detail\":{\"filename\":[{\"suffix\":\".png\"}]}}", true),
                row("{\"detail\":{\"filename\":[{\"suffix\":\".PNG\"}]}}", false),
                row("{\"detail\":{\"filename\":[{\"suffix\":{\"equals-ignore-case\":\".PNG\"}}]}}", true),
                row("{\"detail\":{\"state\":[{\"equals-ignore-case\":\"TERMINATED\"}]}}", true),
                // wildcard
                row("{\"detail\":{\"filename\":[{\"wildcard\":\"rep*.png\"}]}}", true),
                row("{\"detail\":{\"filename\":[{\"wildcard\":\"*.jpg\"}]}}", false),
                row("{\"detail\":{\"instance-id\":[{\"wildcard\":\"i-*\"}]}}", true),
                // anything-but: values, lists, prefix, suffix, wildcard, equals-ignore-case
                row("{\"detail\":{\"state\":[{\"anything-but\":\"initializing\"}]}}", true),
                row("{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"terminated\"]}]}}", false),
                row("{\"detail\":{\"c-count\":[{\"anything-but\":[100,200,300]}]}}", true),
                row("{\"detail\":{\"c-count\":[{\"anything-but\":5}]}}", false),
                row("{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"init\"}}]}}", true),
                row("{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"term\"}}]}}", false),
                row("{\"detail\":{\"filename\":[{\"anything-but\":{\"suffix\":\".txt\"}}]}}", true),
                row("{\"detail\":{\"filename\":[{\"anything-but\":{\"suffix\":\".png\"}}]}}", false),
                row("{\"detail\":{\"filename\":[{\"anything-but\":{\"wildcard\":\"*.png\"}}]}}", false),
                row("{\"detail\":{\"filename\":[{\"anything-but\":{\"wildcard\":[\"*.txt\",\"*.md\"]}}]}}", true),
                row("{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":[\"TERMINATED\"]}}]}}",
                        false),
                row("{\"detail\":{\"missing\":[{\"anything-but\":\"x\"}]}}", false),
                // numeric
                row("{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}", true),
                row("{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<\",5]}]}}", false),
                row("{\"detail\":{\"d-count\":[{\"numeric\":[\"<\",10]}]}}", true),
                row("{\"detail\":{\"x-limit\":[{\"numeric\":[\"=\",301.8]}]}}", true),
                row("{\"detail\":{\"x-limit\":[{\"numeric\":[\">=\",302]}]}}", false),
                row("{\"detail\":{\"state\":[{\"numeric\":[\">\",0]}]}}", false),
                // exists
                row("{\"detail\":{\"state\":[{\"exists\":true}]}}", true),
                row("{\"detail\":{\"missing\":[{\"exists\":true}]}}", false),
                row("{\"detail\":{\"missing\":[{\"exists\":false}]}}", true),
                row("{\"detail\":{\"state\":[{\"exists\":false}]}}", false),
                row("{\"detail\":{\"location\":[{\"exists\":true}]}}", false),
                row("{\"other\":{\"deep\":[{\"exists\":false}]}}", true),
                // cidr
                row("{\"detail\":{\"source-ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}", true),
                row("{\"detail\":{\"source-ip\":[{\"cidr\":\"10.0.1.0/24\"}]}}", false),
                row("{\"detail\":{\"ipv6\":[{\"cidr\":\"2001:db8::/32\"}]}}", true),
                // $or, at the top and nested
                row("{\"$or\":[{\"source\":[\"aws.s3\"]},{\"detail\":{\"c-count\":[5]}}]}", true),
                row("{\"$or\":[{\"source\":[\"aws.s3\"]},{\"detail\":{\"c-count\":[6]}}]}", false),
                row("{\"source\":[\"aws.ec2\"],\"detail\":{\"$or\":[{\"state\":[\"x\"]},{\"Type\":[\"Pending\"]}]}}",
                        true),
                // every field must match
                row("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"Other\"]}", false),
                row("{}", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("rows")
    void pattern_matchesTheEvent_asAwsDocuments(String pattern, boolean expected) throws IOException {
        assertEquals(expected, EventPattern.parse(pattern).matches(new ObjectMapper().readTree(EVENT)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("not json", "not valid JSON"),
                Arguments.of("[\"source\"]", "must be a JSON object"),
                Arguments.of("{\"source\":\"aws.ec2\"}", "must be an object or an array"),
                Arguments.of("{\"detail\":{\"x\":[{\"regex\":\"a\"}]}}", "unrecognized match type regex"),
                Arguments.of("{\"detail\":{\"x\":[{\"prefix\":5}]}}", "must be a string"),
                Arguments.of("{\"detail\":{\"x\":[{\"numeric\":[\">\",\"a\"]}]}}", "pairs an operator"),
                Arguments.of("{\"detail\":{\"x\":[{\"numeric\":[\">\",1,\">\",2]}]}}", "two lower bounds"),
                Arguments.of("{\"detail\":{\"x\":[{\"numeric\":[\"~\",1]}]}}", "unrecognized numeric range"),
                Arguments.of("{\"detail\":{\"x\":[{\"exists\":\"yes\"}]}}", "true or false"),
                Arguments.of("{\"detail\":{\"x\":[{\"wildcard\":\"a**b\"}]}}", "consecutive wildcard"),
                Arguments.of("{\"detail\":{\"x\":[{\"cidr\":\"10.0.0.0/33\"}]}}", "prefix length out of range"),
                Arguments.of("{\"detail\":{\"x\":[{\"cidr\":\"example.com/8\"}]}}", "nonstandard IP"),
                Arguments.of("{\"$or\":[{\"source\":[\"a\"]}]}", "at least two patterns"),
                Arguments.of("{\"detail\":{\"x\":[{\"anything-but\":{\"regex\":\"a\"}}]}}",
                        "unsupported anything-but"),
                Arguments.of("{\"detail\":{\"x\":[[\"a\"]]}}", "not an array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidPattern_isRefusedWithTheReason(String pattern, String reason) {
        AwsException error = assertThrows(AwsException.class, () -> EventPattern.parse(pattern));
        assertEquals("InvalidEventPatternException", error.code());
        assertTrue(error.getMessage().startsWith("Event pattern is not valid. Reason: "), error.getMessage());
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    private static Arguments row(String pattern, boolean matches) {
        return Arguments.of(pattern, matches);
    }
}
