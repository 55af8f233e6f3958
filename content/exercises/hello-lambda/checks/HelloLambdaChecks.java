package checks;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Hidden;
import dev.serverlesslab.graders.check.Hint;
import dev.serverlesslab.graders.check.Invocation;
import dev.serverlesslab.graders.check.Points;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The checks of the hello-lambda exercise: greet by name, log the request id, reject a missing or blank name.
 */
class HelloLambdaChecks {

    private static final String EXPECTED_ERROR_TYPE = "java.lang.IllegalArgumentException";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> FIRST = List.of("Mira", "Tomasz", "Aiyana", "Kenji", "Lucia", "Oluwaseun",
            "Freya", "Ravi", "Zeynep", "Ines");

    private static final List<String> LAST = List.of("Okafor", "Lindqvist", "Haddad", "Nakamura", "Moreau",
            "Kowalczyk", "Achebe", "Silva");

    /**
     * Names in other scripts and with the punctuation real names have, none of which the visible checks send. Every
     * last name has a character beyond A to Z, digits, spaces and hyphens, so a handler that strips those fails the
     * hidden check whichever pair it draws (with "van der Berg" or "Al-Masri" drawn after "Ngozi", one such handler
     * passed in 40 gradings).
     */
    private static final List<String> WORLD_FIRST = List.of("Zoë", "Søren", "Łucja", "José", "Anaïs", "Ngozi",
            "Nguyễn Thị", "Мария", "さくら", "Ωμέγα");

    private static final List<String> WORLD_LAST = List.of("O'Connor", "D'Angelo", "van 't Hof", "Ñúñez",
            "Åberg", "Al-Manṣūr", "Dvořák", "Müller-Lüdenscheidt");

    @Test
    @Order(1)
    @DisplayName("Greets Ada: {\"name\":\"Ada\"} returns {\"greeting\":\"Hello, Ada!\"}")
    @Hint({"Lambda turns the JSON event into your handler's first parameter and the value you return back into JSON, so "
            + "{\"greeting\": ...} is simply a map with one entry.",
            "The event is a Map<String, String>: event.get(\"name\") gives the name, and Map.of(key, value) builds "
            + "the answer.",
            "Build the text from the name the event holds: \"Hello, \" + name + \"!\", then return it under the key "
            + "\"greeting\"."})
    void greetsAda(DeployedFunction function) {
        assertGreets(function, "Ada");
    }

    @Test
    @Order(2)
    @DisplayName("Greets the name it is given, not only Ada: a name made up for this grading, "
            + "such as {\"name\":\"Mira Okafor-17\"}, returns \"Hello, Mira Okafor-17!\"")
    @Hint({"Every invocation gets its own event: the greeting must come from this event, never from a name written in "
            + "your code.",
            "Read the name with event.get(\"name\") inside handleRequest, on every call.",
            "If your code mentions \"Ada\", replace that text with the variable that holds event.get(\"name\")."})
    void greetsAnotherName(DeployedFunction function) {
        assertGreets(function, madeUpName());
    }

    @Test
    @Order(3)
    @DisplayName("Logs a line containing the invocation's request id (context.getAwsRequestId())")
    @Hint({"Each invocation has a request id, and Lambda sends what your function logs to CloudWatch Logs: a log line "
            + "with the id ties your output to one call.",
            "The Context parameter has both: context.getAwsRequestId() and context.getLogger().log(String).",
            "At the start of handleRequest, log a line such as \"request \" + context.getAwsRequestId() through "
            + "context.getLogger()."})
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
    @Hint({"A Java handler reports a bad request by throwing: Lambda ends the invocation as failed and names the "
            + "exception's type.",
            "A key that is not in the Map reads as null; throw new IllegalArgumentException(message).",
            "Before greeting, check whether event.get(\"name\") is null and, if so, throw an IllegalArgumentException "
            + "whose message says that name is required."})
    void rejectsAMissingName(DeployedFunction function) {
        assertRejected(function, "{}");
    }

    @Test
    @Order(5)
    @DisplayName("Fails with an IllegalArgumentException saying 'name' is required when the name is blank: "
            + "{\"name\":\"   \"}")
    @Hint({"A name made only of spaces is no name either: treat it like a missing one.",
            "String.isBlank() is true for an empty text and for one of only whitespace.",
            "Make the check that throws cover both cases: null, or a text for which isBlank() is true."})
    void rejectsABlankName(DeployedFunction function) {
        assertRejected(function, nameEvent("   "));
    }

    @Test
    @Order(6)
    @DisplayName("Returns a JSON object with exactly one field, greeting")
    @Hint({"Lambda serializes whatever you return, so every entry of the returned map becomes a JSON field.",
            "Map.of(\"greeting\", text) makes a map of exactly one entry.",
            "Return a new map holding only the greeting, rather than the event or a map you added other keys to."})
    void returnsOnlyTheGreetingField(DeployedFunction function) {
        Invocation invocation = function.invoke(nameEvent("Ada"));
        assertSucceeded(invocation, nameEvent("Ada"));
        JsonNode result = invocation.json();
        if (result == null || !result.isObject() || result.size() != 1 || !result.has("greeting")) {
            fail("Expected the result to be a JSON object with only the field greeting, like "
                    + "{\"greeting\":\"Hello, Ada!\"}, but your function returned " + invocation.payload());
        }
    }

    @Test
    @Order(7)
    @Hidden
    @Points(2)
    @DisplayName("Greets each of several new names in a row, two of them sharing a first name, others in other "
            + "scripts or with apostrophes: each answer comes from its own event, nothing is kept from an earlier one")
    void greetsEveryNewNameFromItsOwnEvent(DeployedFunction function) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Two people who share a first name: an answer remembered under part of the name gives the wrong greeting.
        String shared = FIRST.get(random.nextInt(FIRST.size()));
        String sibling = LAST.get(random.nextInt(LAST.size()));
        String cousin = LAST.get((LAST.indexOf(sibling) + 1 + random.nextInt(LAST.size() - 1)) % LAST.size());
        List<String> names = List.of(
                shared + " " + sibling + "-" + random.nextInt(10, 100),
                shared + " " + cousin + "-" + random.nextInt(10, 100),
                // Any name must work: letters beyond A to Z and apostrophes are names too, not something to clean.
                WORLD_FIRST.get(random.nextInt(WORLD_FIRST.size())) + " "
                        + WORLD_LAST.get(random.nextInt(WORLD_LAST.size())));
        for (String name : names) {
            assertGreets(function, name);
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
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size())) + "-"
                + random.nextInt(10, 100);
    }

    /** The event {"name": name}, written by Jackson so that quotes and other characters in a name stay JSON. */
    private static String nameEvent(String name) {
        return JSON.createObjectNode().put("name", name).toString();
    }
}
