package dev.serverlesslab.graders.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InvocationTests {

    @Test
    void failedInvocation_exposesLambdaErrorTypeAndMessage() {
        Invocation failed = new Invocation(200,
                "{\"errorMessage\":\"name is required\",\"errorType\":\"java.lang.IllegalArgumentException\"}",
                "Unhandled", "", null);
        assertFalse(failed.succeeded());
        assertEquals("java.lang.IllegalArgumentException", failed.errorType());
        assertEquals("name is required", failed.errorMessage());
    }

    @Test
    void succeededInvocation_hasNoError_andParsesPayload() {
        Invocation ok = new Invocation(200, "{\"greeting\":\"Hello, Ada!\"}", null, "", null);
        assertTrue(ok.succeeded());
        assertNull(ok.errorType());
        assertEquals("Hello, Ada!", ok.json().path("greeting").asText());
    }

    @Test
    void json_ofNonJsonPayload_isMissingNode_soChecksFailWithAssertionsNotExceptions() {
        Invocation odd = new Invocation(200, "not json", null, "", null);
        assertTrue(odd.json().isMissingNode());
        assertTrue(odd.json().path("greeting").isMissingNode());
    }
    @Test
    void failure_ofATimeout_saysTimeout_andNeverNull() {
        String message = "2026-12-05T10:00:00.000Z 5c1e Task timed out after 3.00 seconds";
        Invocation invocation = new Invocation(200, "{\"errorMessage\":\"" + message + "\"}", "Unhandled", "", null);
        assertEquals("a timeout (" + message + ")", invocation.failure());
        assertFalse(invocation.failure().contains("null"));
    }

    @Test
    void failure_ofAnException_isTypeAndMessage_orTheTypeAlone() {
        assertEquals("java.lang.IllegalStateException: boom", new Invocation(200,
                "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"boom\"}", "Unhandled", "",
                null).failure());
        assertEquals("java.lang.NullPointerException", new Invocation(200,
                "{\"errorType\":\"java.lang.NullPointerException\"}", "Unhandled", "", null).failure());
        assertEquals("the error not json", new Invocation(200, "not json", "Unhandled", "", null).failure());
        assertEquals("no failure", new Invocation(200, "{}", null, "", null).failure());
    }
}
