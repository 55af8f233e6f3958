package dev.serverlesslab.emulator.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** API Gateway v2's control plane on the wire: member names, status codes and error shapes, with raw requests. */
class ApiGatewayV2WireTests {

    private final HttpApiWire wire = new HttpApiWire();

    @AfterEach
    void close() {
        wire.close();
    }

    @Test
    void createApi_answers201WithLowerCamelMembersAndTheLocalStackEndpoint() throws Exception {
        HttpResponse<String> response = wire.control("POST", "/v2/apis",
                "{\"name\":\"orders\",\"protocolType\":\"HTTP\",\"tags\":{\"course\":\"lab\"}}");

        assertEquals(201, response.statusCode(), response.body());
        JsonNode api = wire.read(response.body());
        String apiId = api.path("apiId").asText();
        assertEquals("orders", api.path("name").asText());
        assertEquals("HTTP", api.path("protocolType").asText());
        assertEquals("lab", api.path("tags").path("course").asText());
        assertEquals("http://" + apiId + ".execute-api.localhost.localstack.cloud:4566",
                api.path("apiEndpoint").asText());
        assertTrue(api.path("createdDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), response.body());
    }

    @Test
    void getApi_ofUnknownId_answersNotFoundInApiGatewaysShape() throws Exception {
        HttpResponse<String> response = wire.control("GET", "/v2/apis/nosuchapi1", null);

        assertEquals(404, response.statusCode());
        assertEquals("NotFoundException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        JsonNode body = wire.read(response.body());
        assertTrue(body.path("message").asText().contains("nosuchapi1"), response.body());
        assertEquals(1, body.size(), response.body());
    }

    @Test
    void createRoute_withWrongMemberType_answersBadRequest() throws Exception {
        String apiId = wire.read(wire.control("POST", "/v2/apis", "{\"name\":\"a\",\"protocolType\":\"HTTP\"}")
                .body()).path("apiId").asText();

        HttpResponse<String> response = wire.control("POST", "/v2/apis/" + apiId + "/routes", "{\"routeKey\":7}");

        assertEquals(400, response.statusCode());
        assertEquals("BadRequestException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("routeKey"), response.body());
    }

    @Test
    void createApi_withInvalidJson_answersBadRequest() throws Exception {
        HttpResponse<String> response = wire.control("POST", "/v2/apis", "{name");

        assertEquals(400, response.statusCode());
        assertEquals("BadRequestException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
    }

    @Test
    void unsupportedOperation_answersAnErrorNamingIt() throws Exception {
        HttpResponse<String> response = wire.control("POST", "/v2/apis/abc/models", "{}");

        assertEquals(404, response.statusCode());
        assertEquals("UnknownOperationException", response.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("CreateModel"), response.body());
    }

    @Test
    void deleteApi_answers204WithoutBody() throws Exception {
        String apiId = wire.read(wire.control("POST", "/v2/apis", "{\"name\":\"a\",\"protocolType\":\"HTTP\"}")
                .body()).path("apiId").asText();

        HttpResponse<String> response = wire.control("DELETE", "/v2/apis/" + apiId, null);

        assertEquals(204, response.statusCode());
        assertEquals("", response.body());
    }

    @Test
    void getStage_withEncodedDefaultName_findsTheDefaultStage() throws Exception {
        String apiId = wire.read(wire.control("POST", "/v2/apis", "{\"name\":\"q\",\"protocolType\":\"HTTP\","
                + "\"target\":\"" + ApiGatewayV2BackendTests.FUNCTION + "\"}").body()).path("apiId").asText();

        HttpResponse<String> response = wire.control("GET", "/v2/apis/" + apiId + "/stages/%24default", null);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(wire.read(response.body()).path("autoDeploy").asBoolean(), response.body());
    }

    @Test
    void updateApi_patchChangesNameAndKeepsDescription() throws Exception {
        String apiId = wire.read(wire.control("POST", "/v2/apis",
                "{\"name\":\"before\",\"description\":\"kept\",\"protocolType\":\"HTTP\"}").body())
                .path("apiId").asText();

        HttpResponse<String> response = wire.control("PATCH", "/v2/apis/" + apiId, "{\"name\":\"after\"}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode got = wire.read(wire.control("GET", "/v2/apis/" + apiId, null).body());
        assertEquals("after", got.path("name").asText());
        assertEquals("kept", got.path("description").asText());
    }

    @Test
    void updateApi_withTarget_answersBadRequestNamingTheField() throws Exception {
        String apiId = wire.read(wire.control("POST", "/v2/apis", "{\"name\":\"a\",\"protocolType\":\"HTTP\"}")
                .body()).path("apiId").asText();

        HttpResponse<String> response = wire.control("PATCH", "/v2/apis/" + apiId, "{\"target\":\"x\"}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("target"), response.body());
    }
}
