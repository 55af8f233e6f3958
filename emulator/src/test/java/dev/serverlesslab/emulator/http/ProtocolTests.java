package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlesslab.emulator.core.AwsException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolTests {

    private final AwsException notFound =
            new AwsException("ResourceNotFoundException", "Function \"f\" not found", 404);

    @Test
    void restJson_putsTheCodeInTheHeaderAndTypeUserInTheBody() {
        AwsResponse response = Protocol.REST_JSON.error(notFound);

        assertEquals(404, response.status());
        assertEquals("ResourceNotFoundException", response.header("X-Amzn-ErrorType"));
        assertEquals("{\"Type\":\"User\",\"message\":\"Function \\\"f\\\" not found\"}", body(response));
    }

    @Test
    void restJson_serverFault_isTypeService() {
        AwsResponse response = Protocol.REST_JSON.error(new AwsException("ServiceException", "broke", 500));

        assertEquals("{\"Type\":\"Service\",\"message\":\"broke\"}", body(response));
    }

    @Test
    void awsJson_putsTheCodeInTypeWithItsContentType() {
        AwsResponse response = Protocol.AWS_JSON_1_0.error(notFound);

        assertEquals("application/x-amz-json-1.0", response.header("Content-Type"));
        assertEquals("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Function \\\"f\\\" not found\"}",
                body(response));
    }

    @Test
    void query_answersAnXmlErrorResponse() {
        AwsResponse response = Protocol.QUERY.error(new AwsException("NoSuchEntity", "Role <r> & co", 404));

        assertEquals("<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                + "<Message>Role &lt;r&gt; &amp; co</Message></Error></ErrorResponse>", body(response));
    }

    private static String body(AwsResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
