package dev.serverlesslab.emulator.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.emulator.http.JsonRequest;
import dev.serverlesslab.emulator.http.RestJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON body of an API Gateway control-plane request, read with API Gateway's field names and errors. */
final class ApiGatewayRequest extends JsonRequest {

    /** API Gateway's REST-JSON codec; a body it cannot read is a BadRequestException. */
    static final RestJson JSON = RestJson.asNamed(why -> ApiGatewayErrors.badRequest("Could not read the request: "
            + why));

    private final JsonNode body;

    private ApiGatewayRequest(JsonNode body) {
        super(body);
        this.body = body;
    }

    static ApiGatewayRequest of(byte[] bytes) {
        return new ApiGatewayRequest(JSON.object(bytes).node());
    }

    /** An object of true/false values (PutMethod's requestParameters); empty when absent. */
    Map<String, Boolean> booleanMap(String field) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            throw wrongType(field, "an object of true/false values");
        }
        node.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isBoolean()) {
                throw wrongType(field + "." + entry.getKey(), "true or false");
            }
            map.put(entry.getKey(), entry.getValue().booleanValue());
        });
        return map;
    }

    /** The endpoint types of an endpointConfiguration member. */
    List<String> endpointTypes() {
        JsonNode configuration = body.get("endpointConfiguration");
        if (configuration == null || configuration.isNull()) {
            return List.of();
        }
        if (!configuration.isObject()) {
            throw wrongType("endpointConfiguration", "an object with a types list");
        }
        return new ApiGatewayRequest(configuration).texts("types");
    }
}
