package dev.serverlesslab.emulator.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The three ways LocalStack lets a client address a deployed API. */
class ExecuteApiTargetTests {

    @Test
    void of_executeApiHost_takesTheIdFromTheHostAndKeepsThePath() {
        assertEquals(Optional.of(new ExecuteApi.Target("a1b2c3", "/prod/orders/7")),
                ExecuteApi.Target.of("a1b2c3.execute-api.localhost.localstack.cloud:4566", "/prod/orders/7"));
    }

    @Test
    void of_userRequestPath_joinsStageAndPath() {
        assertEquals(Optional.of(new ExecuteApi.Target("a1b2c3", "/prod/orders/7")),
                ExecuteApi.Target.of("localhost:4566", "/restapis/a1b2c3/prod/_user_request_/orders/7"));
        assertEquals(Optional.of(new ExecuteApi.Target("a1b2c3", "/prod/")),
                ExecuteApi.Target.of("localhost:4566", "/restapis/a1b2c3/prod/_user_request_"));
    }

    @Test
    void of_awsExecuteApiPath_takesTheRestAsThePath() {
        assertEquals(Optional.of(new ExecuteApi.Target("x9", "/orders")),
                ExecuteApi.Target.of("127.0.0.1:4566", "/_aws/execute-api/x9/orders"));
    }

    @Test
    void of_controlPlaneCalls_areNotDataPlane() {
        assertTrue(ExecuteApi.Target.of("localhost:4566", "/restapis/a1b2c3/resources").isEmpty());
        assertTrue(ExecuteApi.Target.of("localhost:4566", "/2015-03-31/functions").isEmpty());
        assertTrue(ExecuteApi.Target.of(null, "/v2/apis").isEmpty());
    }
}
