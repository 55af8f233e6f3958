package checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.serverlesslab.graders.check.ApiClient;
import dev.serverlesslab.graders.check.ApiResponse;
import dev.serverlesslab.graders.check.Resources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PathEchoChecks {

    @Test
    @DisplayName("GET /orders/7 reaches the function through the API")
    void getReachesTheFunction(ApiClient api) {
        ApiResponse response = api.get("/orders/7");
        assertEquals(200, response.status(), response.body());
        assertEquals("application/json", response.header("content-type"));
        assertEquals("GET", response.json().path("method").asText());
        assertEquals("/orders/7", response.json().path("path").asText());
    }

    @Test
    @DisplayName("POST reaches the function with its method")
    void postReachesTheFunction(ApiClient api) {
        ApiResponse response = api.post("/orders", "{\"item\":\"tea\"}");
        assertEquals(200, response.status(), response.body());
        assertEquals("POST", response.json().path("method").asText());
    }

    @Test
    @DisplayName("the function's API_URL is the API's URL")
    void environmentHasTheUrl(ApiClient api, Resources resources) {
        ApiResponse response = api.get("/");
        assertEquals(200, response.status(), response.body());
        assertEquals(resources.apiUrl().orElseThrow(), response.json().path("apiUrl").asText());
        assertEquals(api.baseUrl().toString(), resources.apiUrl().orElseThrow());
    }
}
