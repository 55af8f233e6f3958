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
}
