package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Invocation;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The checks of the hello-lambda exercise: greet by name, log the request id, reject a missing or blank name.
 */
class HelloLambdaChecks {

    private static final String EXPECTED_ERROR_TYPE = "java.lang.IllegalArgumentException";

    @Test
    @Order(1)
    @DisplayName("Greets Ada: {\"name\":\"Ada\"} returns {\"greeting\":\"Hello, Ada!\"}")
    void greetsAda(DeployedFunction function) {
        assertGreets(function, "Ada");
    }

    @Test
    @Order(2)
    @DisplayName("Greets the name it is given, not only Ada: a name made up for this grading, "
            + "such as {\"name\":\"Mira Okafor-17\"}, returns \"Hello, Mira Okafor-17!\"")
    void greetsAnotherName(DeployedFunction function) {
        assertGreets(function, madeUpName());
    }

    @Test
    @Order(3)
    @DisplayName("Logs a line containing the invocation's request id (context.getAwsRequestId())")
    void logsTheRequestId(DeployedFunction function) {
        Invocation invocation = function.invoke(nameEvent("Ada"));
        String requestId = invocation.requestId();
        if (requestId == null) {
            fail("Lambda did not say the invocation's request id, so it cannot be looked for. The log tail was:\n"
                    + invocation.logTail());
        }
        // Only what the function wrote counts: Lambda's own START, END, REPORT and timeout lines carry the id too.
        String ownLog = invocation.functionLog();
        if (!ownLog.contains(requestId)) {
            fail("Expected one of your function's log lines to contain the request id " + requestId
                    + " (use context.getLogger().log(...) with context.getAwsRequestId()), but "
                    + (ownLog.isBlank() ? "your function logged nothing." : "your function logged only:\n" + ownLog));
        }
    }

    @Test
    @Order(4)
    @DisplayName("Fails with an IllegalArgumentException saying 'name' is required when the event has no name: {}")
    void rejectsAMissingName(DeployedFunction function) {
        assertRejected(function, "{}");
    }

    @Test
    @Order(5)
    @DisplayName("Fails with an IllegalArgumentException saying 'name' is required when the name is blank: "
            + "{\"name\":\"   \"}")
    void rejectsABlankName(DeployedFunction function) {
        assertRejected(function, nameEvent("   "));
    }

    @Test
    @Order(6)
    @DisplayName("Returns a JSON object with exactly one field, greeting")
    void returnsOnlyTheGreetingField(DeployedFunction function) {
        Invocation invocation = function.invoke(nameEvent("Ada"));
        assertSucceeded(invocation, nameEvent("Ada"));
        JsonNode result = invocation.json();
        if (result == null || !result.isObject() || result.size() != 1 || !result.has("greeting")) {
            fail("Expected the result to be a JSON object with only the field greeting, like "
                    + "{\"greeting\":\"Hello, Ada!\"}, but your function returned " + invocation.payload());
        }
    }

    private static void assertGreets(DeployedFunction function, String name) {
        String event = nameEvent(name);
        Invocation invocation = function.invoke(event);
        assertSucceeded(invocation, event);
        String expected = "Hello, " + name + "!";
        JsonNode greeting = invocation.json() == null ? null : invocation.json().get("greeting");
        if (greeting == null || !greeting.isTextual()) {
            fail("Expected the event " + event + " to return {\"greeting\":\"" + expected + "\"}, but the result has "
                    + "no text field named greeting. Your function returned " + invocation.payload());
        }
        if (!expected.equals(greeting.asText())) {
            fail("Expected the event " + event + " to give the greeting \"" + expected
                    + "\", but your function's greeting was \"" + greeting.asText() + "\"");
        }
    }

    private static void assertRejected(DeployedFunction function, String event) {
        Invocation invocation = function.invoke(event);
        if (invocation.succeeded()) {
            fail("Expected the event " + event + " to fail the invocation with " + EXPECTED_ERROR_TYPE
                    + ", but it succeeded and returned " + invocation.payload());
        }
        if (!EXPECTED_ERROR_TYPE.equals(invocation.errorType())) {
            fail("Expected the event " + event + " to fail with " + EXPECTED_ERROR_TYPE + ", but it failed with "
                    + invocation.failure());
        }
        String message = invocation.errorMessage();
        if (message == null || !message.toLowerCase(Locale.ROOT).contains("name")) {
            fail("Expected the exception's message to say that name is required, but the message was: "
                    + (message == null || message.isBlank() ? "(empty)" : message));
        }
    }

    private static void assertSucceeded(Invocation invocation, String event) {
        if (!invocation.succeeded()) {
            fail("Expected the event " + event + " to succeed, but the invocation failed with "
                    + invocation.failure());
        }
    }

    /** A name no lookup table can know in advance: two random parts and a number, different in every grading. */
    private static String madeUpName() {
        String[] first = {"Mira", "Tomasz", "Aiyana", "Kenji", "Lucia", "Oluwaseun", "Freya", "Ravi", "Zeynep", "Ines"};
        String[] last = {"Okafor", "Lindqvist", "Haddad", "Nakamura", "Moreau", "Kowalczyk", "Achebe", "Silva"};
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return first[random.nextInt(first.length)] + " " + last[random.nextInt(last.length)] + "-"
                + random.nextInt(10, 100);
    }

    private static String nameEvent(String name) {
        return "{\"name\":\"" + name + "\"}";
    }
}
