package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.AwsException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query protocol's form parsing and XML writing, independent of any service. */
class AwsQueryTests {

    private final AwsQuery query = new AwsQuery("https://example.amazonaws.com/doc/2020-01-01/");

    @Test
    void parameters_mergeUrlQueryAndFormBody_decodingBoth() {
        AwsRequest request = request("Version=2020-01-01", "Action=Do&Name=a%20b%2Bc");

        Map<String, String> parameters = query.parameters(request);

        assertEquals(Map.of("Version", "2020-01-01", "Action", "Do", "Name", "a b+c"), parameters);
        assertEquals("Do", query.operation(parameters));
    }

    @Test
    void operation_withoutAction_isMissingAction() {
        AwsException error = assertThrows(AwsException.class, () -> query.operation(Map.of()));

        assertEquals("MissingAction", error.code());
    }

    @Test
    void ok_writesNestedMapsListsAsMembersInstantsAsIsoAndEscapesText() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("Name", "a<b&c");
        result.put("Items", List.of(Map.of("Id", "1"), Map.of("Id", "2")));
        result.put("At", Instant.parse("2026-01-01T10:00:00.123Z"));
        result.put("Skipped", null);

        AwsResponse response = query.ok(request(null, ""), "Do", result);

        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DoResponse "
                + "xmlns=\"https://example.amazonaws.com/doc/2020-01-01/\"><DoResult><Name>a&lt;b&amp;c</Name>"
                + "<Items><member><Id>1</Id></member><member><Id>2</Id></member></Items>"
                + "<At>2026-01-01T10:00:00Z</At></DoResult><ResponseMetadata><RequestId>req-1</RequestId>"
                + "</ResponseMetadata></DoResponse>", new String(response.body(), StandardCharsets.UTF_8));
        assertEquals("text/xml", response.header("Content-Type"));
    }

    private static AwsRequest request(String rawQuery, String form) {
        return new AwsRequest("req-1", "POST", "/", rawQuery,
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                form.getBytes(StandardCharsets.UTF_8), new AccountRegion(AccountRegion.DEFAULT_ACCOUNT, "us-east-1"));
    }
}
